/**
 * A PBX simulator that speaks AMI and FastAGI over real TCP like Asterisk 20, for the
 * demo and the tests.
 */
@NullMarked
package io.ringside.simulator;

import org.jspecify.annotations.NullMarked;
