/**
 * A JSON object walked as an untyped document: Terraform JSON modules, `terraform show -json` plans, AWS's specs
 * and API models. Code that reads one checks the shapes it relies on; typing every member access would add casts,
 * not safety. Written by hand (not generated from a schema); the project's one `any`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;
