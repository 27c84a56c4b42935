/**
 * Word documents generated in tests (never committed): a minimal valid .docx around given
 * paragraphs, and the hostile shapes the import limits exist for (docs/decisions/0009-limits.md).
 */
import JSZip from "jszip";

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function documentXml(paragraphs: Iterable<string>): string {
  let body = "";
  for (const p of paragraphs) body += `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
}

/** A .docx whose document.xml is `xml` (default: the given paragraphs), plus `extra` parts. */
export async function makeDocx(paragraphs: Iterable<string>, extra: Record<string, string> = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", CONTENT_TYPES);
  zip.file("_rels/.rels", RELS);
  zip.file("word/document.xml", documentXml(paragraphs));
  for (const [name, content] of Object.entries(extra)) zip.file(name, content);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

/** An invented regulation of `n` articles with a chapter every 20 articles and one item each. */
export function* inventedRegulation(n: number): Generator<string> {
  yield "示例条例";
  for (let i = 1; i <= n; i++) {
    if (i % 20 === 1) yield `第${Math.ceil(i / 20)}章 示例章`;
    yield `第${i}条 示例机关应当依照本条例的规定履行示例职责，保护示例对象的合法权益。`;
    yield "（一）示例事项之一；";
  }
}

/**
 * Set the unpacked size that the central directory declares for `name`: an archive that lies
 * about its sizes (the data is untouched, so it still inflates to the true size).
 */
export function declareUnpackedSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer);
  const wanted = new TextEncoder().encode(name);
  for (let at = 0; at + 46 < out.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    const entryName = out.subarray(at + 46, at + 46 + nameLength);
    if (nameLength === wanted.length && entryName.every((b, i) => b === wanted[i])) {
      view.setUint32(at + 24, size, true);
      return out;
    }
  }
  throw new Error(`${name} is not in the archive`);
}
