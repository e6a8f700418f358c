/**
 * A PBX simulator that speaks AMI and FastAGI over real TCP like Asterisk 20, for the demo and the tests.
 */
package io.ringside.simulator;
