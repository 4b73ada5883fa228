// Small helpers for the PMML documents the demo writes as text.

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text made safe for an XML attribute value or element content. */
export function xmlText(text: string): string {
  return text.replace(/[&<>"']/g, (character) => XML_ESCAPES[character]);
}

/**
 * A double in its shortest round-trip form, which reads back as exactly the same double;
 * whole numbers keep a decimal point (`5.0`), as JPMML writes them.
 */
export function pmmlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} cannot be written in PMML`);
  return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(1) : String(value);
}

export const PMML_PROLOGUE = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">',
];

/** The Header of a demo document. */
export function pmmlHeader(description: string): string[] {
  return [
    `\t<Header description="${xmlText(description)}">`,
    '\t\t<Application name="Scorecast demo" version="1"/>',
    '\t</Header>',
  ];
}
