// Process entry for the compiled CLI (bin/blackwell.js and tests spawn this).
import { main } from "./main";

// The AWS SDK warns on Node 20 that its releases after January 2027 need Node 22. The project pins its SDK
// versions (package-lock.json), so the warning is the maintainers' to act on, not every command's output to carry;
// set the variable to anything but "true" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

void main();
