/** The clients' REST API: clients, contacts, history, cards and reassignment. */
@NullMarked
package io.ringside.clients.web;

import org.jspecify.annotations.NullMarked;
