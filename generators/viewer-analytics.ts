/**
 * Viewer analytics (src/plans/viewer-analytics.ts) in analytics.tf.json: CloudFront standard logging v2 through
 * CloudWatch Logs' delivery source -> destination -> delivery into a private logs bucket of the module's own (expired
 * by its lifecycle), the Glue table over the delivered fields, an Athena workgroup whose results land in the same
 * bucket, and the named queries `blackwell media analytics` runs.
 */
import { Construct } from "constructs";
import { Fn } from "cdktf";
import { CloudwatchLogDeliverySource } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery-source";
import { CloudwatchLogDeliveryDestination } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery-destination";
import { CloudwatchLogDelivery } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery";
import { GlueCatalogDatabase } from "@cdktf/provider-aws/lib/glue-catalog-database";
import { GlueCatalogTable } from "@cdktf/provider-aws/lib/glue-catalog-table";
import { AthenaWorkgroup } from "@cdktf/provider-aws/lib/athena-workgroup";
import { AthenaNamedQuery } from "@cdktf/provider-aws/lib/athena-named-query";
import type { ViewerAnalyticsPlan } from "../src/plans/viewer-analytics";
import { SecureBucket } from "./archive";
import { ServiceProps } from "./context";

export interface ViewerAnalyticsProps extends ServiceProps<ViewerAnalyticsPlan> {
  /** The distribution whose access logs are delivered (ARN: arn:aws:cloudfront::<account>:distribution/<id>). */
  distributionArn: string;
}

export class ViewerAnalytics extends Construct {
  readonly logs: SecureBucket;
  readonly database: GlueCatalogDatabase;
  readonly table: GlueCatalogTable;
  readonly workgroup: AthenaWorkgroup;
  readonly queries: Array<{ id: string; query: AthenaNamedQuery }>;

  constructor(scope: Construct, id: string, props: ViewerAnalyticsProps) {
    super(scope, id);
    const { context: ctx, plan } = props;
    this.logs = new SecureBucket(this, "viewer_logs_bucket", {
      context: ctx,
      name: "viewer_logs",
      prefixWord: "logs",
      purpose: "viewer logs",
      lifecycleRules: plan.lifecycleRules,
      forceDestroyVariable: "viewer_logs_force_destroy",
    });
    const logsPath = plan.logsPrefix.replace(/\/$/, "");

    // CloudFront's delivery source exists in us-east-1 only: outside it, the three delivery resources use aws.us_east_1.
    const source = new CloudwatchLogDeliverySource(this, "cloudfront_access_logs", {
      name: `${ctx.namePrefix}-cloudfront`,
      logType: "ACCESS_LOGS",
      resourceArn: props.distributionArn,
      tags: ctx.tags,
    });
    const destination = new CloudwatchLogDeliveryDestination(this, "viewer_logs@destination", {
      name: `${ctx.namePrefix}-viewer-logs`,
      outputFormat: plan.outputFormat,
      deliveryDestinationConfiguration: [{ destinationResourceArn: `${this.logs.bucket.arn}/${logsPath}` }],
      tags: ctx.tags,
    });
    // What CloudWatch Logs' delivery service may write: this account's delivery source only, under the logs prefix.
    this.logs.addToResourcePolicy({
      sid: "AllowCloudFrontLogDelivery",
      effect: "Allow",
      principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
      actions: ["s3:PutObject"],
      resources: [`${this.logs.bucket.arn}/${logsPath}/*`],
      condition: [
        { test: "StringEquals", variable: "s3:x-amz-acl", values: ["bucket-owner-full-control"] },
        { test: "StringEquals", variable: "aws:SourceAccount", values: [Fn.element(Fn.split(":", props.distributionArn), 4)] },
        { test: "ArnLike", variable: "aws:SourceArn", values: [source.arn] },
      ],
    });
    const delivery = new CloudwatchLogDelivery(this, "cloudfront_to_viewer_logs", {
      deliverySourceName: source.name,
      deliveryDestinationArn: destination.arn,
      recordFields: plan.columns.map((c) => c.field),
      fieldDelimiter: plan.fieldDelimiter,
      tags: ctx.tags,
    });
    if (plan.deliveryProviderAlias) for (const r of [source, destination, delivery]) r.addOverride("provider", `aws.${plan.deliveryProviderAlias}`);

    // Glue database names are lower case letters, digits and underscores.
    this.database = new GlueCatalogDatabase(this, "viewers", {
      name: `\${replace(var.name_prefix, "-", "_")}_${plan.databaseSuffix}`,
      description: "CloudFront access logs of this pipeline (blackwell media analytics).",
      tags: ctx.tags,
    });
    this.table = new GlueCatalogTable(this, plan.table, {
      databaseName: this.database.name,
      name: plan.table,
      description: `CloudFront standard logging (v2) W3C lines, fields in delivery order: ${plan.columns.map((c) => c.field).join(" ")}.`,
      tableType: "EXTERNAL_TABLE",
      parameters: { EXTERNAL: "TRUE", "skip.header.line.count": String(plan.headerLines), classification: "csv" },
      storageDescriptor: {
        location: `s3://${this.logs.bucket.bucket}/${plan.logsPrefix}`,
        inputFormat: "org.apache.hadoop.mapred.TextInputFormat",
        outputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
        serDeInfo: {
          serializationLibrary: "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
          parameters: { "field.delim": plan.fieldDelimiter, "serialization.format": plan.fieldDelimiter },
        },
        columns: plan.columns.map((c) => ({ name: c.column, type: c.type, comment: `${c.field}: ${c.comment}` })),
      },
    });
    this.workgroup = new AthenaWorkgroup(this, "viewers@workgroup", {
      name: `${ctx.namePrefix}-viewers`,
      description: "Athena workgroup of this pipeline's viewer analytics; results expire with the logs.",
      // Query history only: the named queries are destroyed before it.
      forceDestroy: true,
      configuration: {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        resultConfiguration: {
          outputLocation: `s3://${this.logs.bucket.bucket}/${plan.resultsPrefix}`,
          encryptionConfiguration: { encryptionOption: "SSE_S3" },
        },
      },
      tags: ctx.tags,
    });
    this.queries = plan.queries.map((q) => ({
      id: q.id,
      query: new AthenaNamedQuery(this, q.id, {
        name: `${ctx.namePrefix}-${q.id.replace(/_/g, "-")}`,
        description: q.description,
        database: this.database.name,
        workgroup: this.workgroup.name,
        query: q.sql,
      }),
    }));
  }
}
