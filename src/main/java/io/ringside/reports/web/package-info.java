/** The reports' REST API. */
package io.ringside.reports.web;
