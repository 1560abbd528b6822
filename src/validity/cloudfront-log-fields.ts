/**
 * CloudFront standard logging (v2) fields, as AWS documents them, and the check that a module's log delivery asks
 * only for those and that its Glue table (the Athena DDL) describes exactly the delivered fields, in order, with
 * column types that fit the values.
 *
 * Sources (read 2026-12-01):
 * - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logs-reference.html#BasicDistributionFileFormat
 *   ("Log file fields", shared by standard logging v2 and legacy): the 33 fields below, in their legacy order.
 * - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html ("Select the log fields
 *   that you want. You can also select a subset of real-time log fields"), and the real-time log fields of
 *   https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/real-time-logs.html: the v2-only fields below.
 */
import type { Finding } from "./findings";

export type FieldValue = "text" | "integer" | "decimal";

/** Field -> what its values are. */
export const CLOUDFRONT_LOG_FIELDS: Record<string, FieldValue> = {
  date: "text",
  time: "text",
  "x-edge-location": "text",
  "sc-bytes": "integer",
  "c-ip": "text",
  "cs-method": "text",
  "cs(Host)": "text",
  "cs-uri-stem": "text",
  "sc-status": "integer",
  "cs(Referer)": "text",
  "cs(User-Agent)": "text",
  "cs-uri-query": "text",
  "cs(Cookie)": "text",
  "x-edge-result-type": "text",
  "x-edge-request-id": "text",
  "x-host-header": "text",
  "cs-protocol": "text",
  "cs-bytes": "integer",
  "time-taken": "decimal",
  "x-forwarded-for": "text",
  "ssl-protocol": "text",
  "ssl-cipher": "text",
  "x-edge-response-result-type": "text",
  "cs-protocol-version": "text",
  "fle-status": "text",
  "fle-encrypted-fields": "text",
  "c-port": "integer",
  "time-to-first-byte": "decimal",
  "x-edge-detailed-result-type": "text",
  "sc-content-type": "text",
  "sc-content-len": "integer",
  "sc-range-start": "integer",
  "sc-range-end": "integer",
  // v2: the subset of real-time log fields standard logging offers
  timestamp: "decimal",
  "timestamp(ms)": "integer",
  DistributionId: "text",
  "c-country": "text",
  "cs-accept-encoding": "text",
  "cs-accept": "text",
  "cache-behavior-path-pattern": "text",
  "cs-headers": "text",
  "cs-header-names": "text",
  "cs-headers-count": "integer",
  "origin-fbl": "decimal",
  "origin-lbl": "decimal",
  asn: "integer",
};

/** Glue column types that hold each kind of value (a text column holds anything). */
const FITS: Record<FieldValue, string[]> = {
  text: ["string"],
  integer: ["string", "int", "bigint"],
  decimal: ["string", "double", "decimal"],
};

type Json = Record<string, unknown>;
const RULE = "CF-LOG-FIELDS";

/** Findings for one module's log deliveries and Glue tables (all files of the module at once). */
export function checkLogFields(files: Map<string, Json>): Finding[] {
  const findings: Finding[] = [];
  const resources = (type: string) =>
    [...files].flatMap(([file, doc]) =>
      Object.entries(((doc.resource as Json | undefined)?.[type] ?? {}) as Record<string, Json>).map(([name, r]) => ({ file, name, r })),
    );
  const deliveries = resources("aws_cloudwatch_log_delivery");
  const tables = resources("aws_glue_catalog_table");
  for (const d of deliveries) {
    const fields = (d.r.record_fields ?? []) as string[];
    fields.forEach((f, i) => {
      if (!(f in CLOUDFRONT_LOG_FIELDS))
        findings.push({
          rule: RULE,
          file: d.file,
          path: `resource.aws_cloudwatch_log_delivery.${d.name}.record_fields[${i}]`,
          message: `${f} is not a documented CloudFront log field`,
        });
    });
  }
  if (tables.length && deliveries.length !== 1) {
    findings.push({
      rule: RULE,
      file: tables[0].file,
      path: "resource.aws_glue_catalog_table",
      message: `a log table needs exactly one log delivery to describe, found ${deliveries.length}`,
    });
    return findings;
  }
  for (const t of tables) {
    const at = `resource.aws_glue_catalog_table.${t.name}`;
    const delivery = deliveries[0].r;
    const fields = (delivery.record_fields ?? []) as string[];
    const sd = ([] as Json[]).concat((t.r.storage_descriptor ?? []) as Json)[0] ?? {};
    const columns = ([] as Json[]).concat((sd.columns ?? []) as Json[]);
    if (columns.length !== fields.length)
      findings.push({
        rule: RULE,
        file: t.file,
        path: `${at}.storage_descriptor.columns`,
        message: `${columns.length} columns for ${fields.length} delivered fields`,
      });
    columns.forEach((c, i) => {
      const field = fields[i];
      const kind = CLOUDFRONT_LOG_FIELDS[field];
      // The column's comment names its field: a reordered table reads one field's values as another's.
      if (!(typeof c.comment === "string" && c.comment.startsWith(`${field}:`)))
        findings.push({
          rule: RULE,
          file: t.file,
          path: `${at}.storage_descriptor.columns[${i}]`,
          message: `column ${String(c.name)} is not documented as field ${field} (delivery order)`,
        });
      if (kind && !FITS[kind].includes(String(c.type)))
        findings.push({
          rule: RULE,
          file: t.file,
          path: `${at}.storage_descriptor.columns[${i}].type`,
          message: `${field} holds ${kind} values; a ${String(c.type)} column cannot`,
        });
    });
    const serde = ([] as Json[]).concat((sd.ser_de_info ?? []) as Json)[0] ?? {};
    const delim = (serde.parameters as Json | undefined)?.["field.delim"];
    if (delim !== (delivery.field_delimiter ?? "\t"))
      findings.push({
        rule: RULE,
        file: t.file,
        path: `${at}.storage_descriptor.ser_de_info.parameters`,
        message: `field.delim ${JSON.stringify(delim)} differs from the delivery's field_delimiter`,
      });
  }
  return findings;
}
