/** Provider and terraform version ranges every generated module (and its example) declares. */
export const AWS_PROVIDER = { source: "hashicorp/aws", version: ">= 5.100.0, < 7.0.0" } as const;
export const REQUIRED_TERRAFORM = ">= 1.5.0";
