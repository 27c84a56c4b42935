import { PassThrough } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream, renderToStaticMarkup } from "react-dom/server";
import { applyFix, FIXES } from "../../scripts/patch-react-dom";

// The installed react-dom must stream multi-byte text exactly (scripts/patch-react-dom.ts): this
// fails on a fresh React 18.3 install that skipped the patch.
function renderStreamed(element: ReturnType<typeof createElement>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on("data", (chunk: Buffer) => chunks.push(chunk));
    sink.on("end", () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(element, { onAllReady: () => pipe(sink), onError: reject });
  });
}

describe("react-dom/server streams Chinese text exactly", () => {
  // Paragraphs of 3-byte characters, each short enough to go through the buffer, shifted by 0-2
  // ASCII bytes so that a character straddles the 2,048-byte boundary in every possible way.
  it.each([0, 1, 2])("with %i bytes of shift", async (shift) => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `第${i}条 未成年人享有生存权、发展权、受保护权、参与权等权利。`.repeat(3));
    const element = createElement(
      "div",
      { "data-shift": "x".repeat(shift) },
      paragraphs.map((text, i) => createElement("p", { key: i, "aria-label": text.slice(0, 20) }, text)),
    );
    const bytes = await renderStreamed(element);
    expect(bytes.includes(0)).toBe(false);
    expect(bytes.toString("utf8")).toBe(renderToStaticMarkup(element));
  });
});

describe("applyFix", () => {
  const [development] = FIXES;
  const source = `function writeStringChunk() {\n${development.faulty}  }\n}\n`;

  it("replaces the faulty flush by one of the written bytes only", () => {
    const result = applyFix(source, development);
    expect(result.outcome).toBe("patched");
    expect(result.source).toContain("currentView.subarray(0, writtenBytes)");
    expect(result.source).not.toContain(development.faulty);
  });

  it("leaves a patched file alone", () => {
    const once = applyFix(source, development).source;
    expect(applyFix(once, development)).toEqual({ source: once, outcome: "already-patched" });
  });

  it("refuses a build it does not know, naming the file", () => {
    expect(() => applyFix("function somethingElse() {}", development)).toThrow(/react-dom-server\.node\.development\.js/);
  });
});
