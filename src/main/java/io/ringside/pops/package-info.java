/**
 * Screen pops: the card of the calling client, sent to the person a call is routed to before their phone rings, and
 * kept up to date (answered, ended, missed, withdrawn) as the call goes on.
 */
package io.ringside.pops;
