/** The clients' REST API: clients, contacts, history, cards and reassignment. */
package io.ringside.clients.web;
