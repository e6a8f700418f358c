/**
 * The CRM: employees, clients owned by exactly one manager, contacts and numbers, the append-only history,
 * products with stock, orders, figures and reports. Its REST API lives in {@code crm.web}.
 */
package io.ringside.crm;
