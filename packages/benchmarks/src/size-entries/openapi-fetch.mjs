// Size-budget baseline: openapi-fetch alone making the same list call (no typed errors, retries or checks).
import createClient from "openapi-fetch";

const client = createClient({ baseUrl: "https://iam.neuroio.com", headers: { Authorization: "Token abcd" } });
client.GET("/v1/tokens/", { params: { query: { limit: 10 } } }).then(({ data }) => console.log(data));
