/**
 * Screen pops: the card of the calling client (with its open callbacks), sent to each
 * person a call rings for before their phone rings, and kept up to date (answered, ended,
 * missed, withdrawn, transferred) as the call goes on; sent again to a page that
 * subscribes during the call. Also the owner's notifications when someone else takes
 * their client's call, and the card's STOMP SEND destinations ({@code /app/notes},
 * {@code /app/orders}, {@code /app/clients}).
 */
@NullMarked
package io.ringside.pops;

import org.jspecify.annotations.NullMarked;
