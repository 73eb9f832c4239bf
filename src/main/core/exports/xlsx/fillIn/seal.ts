import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { FORMAT_VERSION, ID_MARKER } from './layout';

/**
 * The identifiers of a fill-in sheet — round, unit, and for each row its report, version and
 * indicator — sealed with HMAC-SHA256 under the app's secret. A user can type values; a user who
 * edits an identifier breaks the seal. The values typed are deliberately not sealed.
 */
export const sealedPayloadSchema = z.object({
  format: z.literal(ID_MARKER),
  version: z.literal(FORMAT_VERSION),
  roundId: z.number().int(),
  year: z.number().int(),
  quarter: z.number().int(),
  deadline: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  createdAt: z.string(),
  reports: z.array(
    z.object({
      key: z.string(),
      reportId: z.number().int(),
      version: z.number().int(),
      kind: z.enum(['task', 'project']),
      no: z.string(),
      title: z.string(),
    }),
  ),
  indicators: z.array(
    z.object({
      key: z.string(),
      reportId: z.number().int(),
      indicatorId: z.number().int(),
      metric: z.string(),
    }),
  ),
});
export type SealedPayload = z.infer<typeof sealedPayloadSchema>;

function mac(secret: string, payloadJson: string): Buffer {
  return createHmac('sha256', secret)
    .update(`${ID_MARKER}:v${FORMAT_VERSION}\n`, 'utf8')
    .update(payloadJson, 'utf8')
    .digest();
}

export function sealPayload(secret: string, payloadJson: string): string {
  return mac(secret, payloadJson).toString('hex');
}

export function isSealIntact(secret: string, payloadJson: string, seal: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(seal)) return false;
  return timingSafeEqual(mac(secret, payloadJson), Buffer.from(seal, 'hex'));
}

/**
 * JSON with every non-ASCII character escaped: the chunks below can then be cut anywhere without
 * splitting a surrogate pair, and no spreadsheet program can re-encode the text on a round trip.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Cell text is capped at 32,767 characters; the payload is split over as many cells as it needs. */
const PAYLOAD_CHUNK = 30_000;

export function chunk(text: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += PAYLOAD_CHUNK) parts.push(text.slice(i, i + PAYLOAD_CHUNK));
  return parts.length ? parts : [''];
}
