import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeXmlText, toXmlDocument } from './xml.ts';

describe('GeoReport XML', () => {
  it.each([
    ['plain', 'plain'],
    ['a & b', 'a &amp; b'],
    ['<script>alert("x")</script>', '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'],
    ["it's", 'it&apos;s'],
    ['路灯不亮', '路灯不亮'],
    ['bell\u0007 and nul\u0000 dropped', 'bell and nul dropped'],
    ['line\nbreak\ttab', 'line\nbreak\ttab'],
    ['emoji 🚧 kept', 'emoji 🚧 kept'],
  ])('escapes %j', (text, expected) => {
    expect(escapeXmlText(text)).toBe(expected);
  });

  it('writes the declaration, list items under the spec names, and empty elements for nulls', () => {
    const xml = toXmlDocument('service_requests', [
      { service_request_id: '120101-2026-000001', status: 'open', account_id: null, lat: 39.1 },
    ]);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<service_requests>')).toBe(true);
    expect(xml).toContain('<request>');
    expect(xml).toContain('<account_id/>');
    expect(xml).toContain('<lat>39.1</lat>');
  });

  it('nests definitions (attributes → attribute → values → value) and parses back', () => {
    const xml = toXmlDocument('service_definition', {
      service_code: 'a&b',
      attributes: [{ code: 'kind', required: true, values: [{ key: '1', name: '<one>' }] }],
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ parseTagValue: false }).parse(xml);
    expect(doc.service_definition.service_code).toBe('a&b');
    expect(doc.service_definition.attributes.attribute.values.value.name).toBe('<one>');
    expect(doc.service_definition.attributes.attribute.required).toBe('true');
  });

  it('writes an empty list as an empty element', () => {
    expect(toXmlDocument('services', [])).toContain('<services/>');
  });
});
