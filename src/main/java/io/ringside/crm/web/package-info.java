/**
 * The CRM's REST API under {@code /api}: JSON in and out, errors as RFC 9457 problem documents.
 */
package io.ringside.crm.web;
