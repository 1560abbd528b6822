/** The shipped price table (data/prices/aws-media-prices.json), validated against its schema on load. */
import * as fs from "node:fs";
import type { PriceTable } from "../types/prices.generated";
import { projectPath } from "../core/project-paths";
import { UserError } from "../core/problems";
import { validateAgainstSchema } from "../core/schema-validation";
import { readDocument } from "../core/parse-document";

export const PRICE_TABLE_FILE = () => projectPath("data", "prices", "aws-media-prices.json");
export const STALE_AFTER_DAYS = 180;

export function loadPriceTable(file = PRICE_TABLE_FILE()): PriceTable {
  if (!fs.existsSync(file)) throw new UserError(`price table not found: ${file}`);
  const { data } = readDocument(file);
  const problems = validateAgainstSchema("prices", data, file);
  if (problems.length) throw new UserError(`the price table ${file} is not valid`, problems);
  return data as PriceTable;
}
