// Size-budget baseline: the old official SDK (@neuroio/rest-api 4.2.2, axios) making the same list call.
import { createNeuroioRestApi } from "@neuroio/rest-api";

const api = createNeuroioRestApi({ version: 1, token: "abcd" });
api.tokens.getTokens({ limit: 10 }).then((tokens) => console.log(tokens));
