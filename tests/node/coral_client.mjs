// A stand-in for Coral Talk's Perspective client: it builds the URL the way Coral does
// (the endpoint's path joined with "/comments:<method>", the key as ?key=) and posts the
// bodies Coral sends, with Node's global fetch. No npm package is needed.
//
//   node coral_client.mjs ENDPOINT KEY
//
// Prints one JSON object: for each call, the HTTP status and what Coral reads.
import path from "node:path";

const [endpoint, key] = process.argv.slice(2);

function coralURL(operation, apiKey) {
  const url = new URL(endpoint.trim());
  url.pathname = path.posix.join(url.pathname, `/${operation}`);
  url.searchParams.set("key", apiKey.trim());
  return url.toString();
}

async function send(operation, body, apiKey = key) {
  const response = await fetch(coralURL(operation, apiKey), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, url: coralURL(operation, "KEY"), data: await response.json() };
}

function analyzeBody(text, model) {
  return {
    comment: { text },
    doNotStore: true,
    requestedAttributes: { [model]: {} },
    languages: ["en"],
  };
}

function suggestBody(text, model, commentID, approved) {
  return {
    comment: { text },
    context: {
      entries: [{ text: JSON.stringify({
        url: `https://news.example/story?commentID=${commentID}`,
        Coral_comment_id: commentID,
      }) }],
    },
    attributeScores: { [model]: { summaryScore: { value: approved ? 0 : 1 } } },
    languages: ["en"],
    communityId: "Coral:https://news.example",
    clientToken: `comment:${commentID}`,
  };
}

// What Coral does with the answer: attributeScores[model].summaryScore.value.
function score(result, model) {
  return result.data?.attributeScores?.[model]?.summaryScore?.value ?? null;
}

const toxic = await send("comments:analyze", analyzeBody("You are a f u c k i n g idiot", "TOXICITY"));
const clean = await send("comments:analyze",
  analyzeBody("Thanks for the clear report on the water rationing plan.", "TOXICITY"));
const suggested = await send("comments:suggestscore",
  suggestBody("You are a f u c k i n g idiot", "TOXICITY", "c-1", false));
const denied = await send("comments:analyze", analyzeBody("hello", "TOXICITY"), "not-a-key");

console.log(JSON.stringify({
  toxic: { status: toxic.status, url: toxic.url, score: score(toxic, "TOXICITY") },
  clean: { status: clean.status, score: score(clean, "TOXICITY") },
  suggested: { status: suggested.status, clientToken: suggested.data.clientToken },
  denied: { status: denied.status, error: denied.data.error },
}));
