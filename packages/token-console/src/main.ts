/** Entry point of the token console page. */
import "./style.css";
import { startConsole } from "./app.js";
import { readDevOptions } from "./dev-options.js";
import { findElements } from "./elements.js";

startConsole(findElements(), readDevOptions(window.location.search));
