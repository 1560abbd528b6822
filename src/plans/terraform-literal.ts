/**
 * Text from a definition that Terraform must keep as it is. Shared by the generators (URLs in resources) and src/embed
 * (the player snippet output), which both write user text into Terraform strings.
 */

/** Escapes Terraform template sequences: `${` becomes `$${` and `%{` becomes `%%{`. */
export function escapeTerraformTemplate(text: string): string {
  // Function replacements: in a replacement string "$$" would itself mean "$".
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}
