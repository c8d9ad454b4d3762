// Size-budget entry: create the client and list tokens, as a browser app would.
import { createTokensClient } from "@neuroio/tokens-client";

const client = createTokensClient({ apiToken: "abcd" });
client.tokens.list({ limit: 10 }).then((tokens) => console.log(tokens));
