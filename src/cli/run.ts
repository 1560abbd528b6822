// Process entry for the compiled CLI (bin/blackwell.js and tests spawn this).
import { main } from "./main";

void main();
