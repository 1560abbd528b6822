/**
 * An AWS service API model read from the TypeScript declarations aws-sdk v2 ships
 * (`clients/<service>.d.ts`): structures with their required members, string enums, and numeric
 * ranges (encoded in type names such as `__integerMin1Max10`). The JSON models in `apis/*.min.json`
 * have the enums and ranges stripped, the declarations do not.
 */
import * as fs from "node:fs";
import ts from "typescript";

export type ModelType =
  | { kind: "structure"; name: string; members: Map<string, { type: string; required: boolean }> }
  | { kind: "enum"; name: string; values: string[] }
  | { kind: "number"; name: string; min?: number; max?: number }
  | { kind: "list"; name: string; element: string }
  | { kind: "map"; name: string }
  | { kind: "scalar"; name: string };

export class ApiModel {
  private constructor(readonly types: Map<string, ModelType>) {}

  static fromDeclarations(file: string, namespace: string): ApiModel {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
    const types = new Map<string, ModelType>();
    const visitNamespace = (body: ts.ModuleBlock) => {
      for (const st of body.statements) {
        if (ts.isInterfaceDeclaration(st)) {
          const members = new Map<string, { type: string; required: boolean }>();
          for (const m of st.members)
            if (ts.isPropertySignature(m) && m.type) members.set(m.name.getText(source), { type: m.type.getText(source), required: !m.questionToken });
          types.set(st.name.text, { kind: "structure", name: st.name.text, members });
        } else if (ts.isTypeAliasDeclaration(st)) {
          types.set(st.name.text, aliasType(st.name.text, st.type, source));
        }
      }
    };
    const walk = (node: ts.Node) => {
      if (ts.isModuleDeclaration(node) && node.name.getText(source) === namespace && node.body && ts.isModuleBlock(node.body)) visitNamespace(node.body);
      else ts.forEachChild(node, walk);
    };
    walk(source);
    if (types.size === 0) throw new Error(`no declarations for namespace ${namespace} in ${file}`);
    return new ApiModel(types);
  }

  get(name: string): ModelType | undefined {
    return this.types.get(name);
  }
}

function aliasType(name: string, node: ts.TypeNode, source: ts.SourceFile): ModelType {
  if (ts.isUnionTypeNode(node)) {
    const values = node.types.filter(ts.isLiteralTypeNode).map((t) => (t.literal as ts.StringLiteral).text);
    if (values.length) return { kind: "enum", name, values };
  }
  if (ts.isArrayTypeNode(node)) return { kind: "list", name, element: node.elementType.getText(source) };
  if (ts.isTypeLiteralNode(node)) return { kind: "map", name };
  const text = node.getText(source);
  if (text === "number") {
    // The generator names numeric types after their range: __integerMin1Max10, __integerMin0, __doubleMax5.
    const min = /Min(-?\d+)/.exec(name)?.[1];
    const max = /Max(-?\d+)/.exec(name)?.[1];
    return { kind: "number", name, min: min !== undefined ? Number(min) : undefined, max: max !== undefined ? Number(max) : undefined };
  }
  return { kind: "scalar", name };
}

/** aws-sdk v2 client declarations this project reads, by API namespace. */
export const API_DECLARATIONS = {
  MediaLive: "aws-sdk/clients/medialive.d.ts",
  CloudFront: "aws-sdk/clients/cloudfront.d.ts",
  CloudWatch: "aws-sdk/clients/cloudwatch.d.ts",
  MediaConvert: "aws-sdk/clients/mediaconvert.d.ts",
  EventBridge: "aws-sdk/clients/eventbridge.d.ts",
  Scheduler: "aws-sdk/clients/scheduler.d.ts",
  Budgets: "aws-sdk/clients/budgets.d.ts",
  S3: "aws-sdk/clients/s3.d.ts",
} as const;
export type ApiService = keyof typeof API_DECLARATIONS;

const loaded = new Map<ApiService, ApiModel>();

export function apiModel(service: ApiService): ApiModel {
  let model = loaded.get(service);
  if (!model) loaded.set(service, (model = ApiModel.fromDeclarations(require.resolve(API_DECLARATIONS[service]), service)));
  return model;
}

export function medialiveModel(): ApiModel {
  return apiModel("MediaLive");
}

export function mediaconvertModel(): ApiModel {
  return apiModel("MediaConvert");
}
