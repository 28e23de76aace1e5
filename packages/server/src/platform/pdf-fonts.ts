import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import type { PDFDocument } from 'pdf-lib';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

// pdf-lib embeds custom fonts through a "fontkit" object shaped like @pdf-lib/fontkit 1.1.1. That
// fork leaves most Chinese glyphs blank when it subsets Noto Sans SC (seen on this machine: the text
// still extracts, only the rendering is empty), while upstream fontkit 2 subsets it correctly. This
// adapter gives pdf-lib fontkit 2 with the one method it expects and fontkit 2 lacks:
// `subset.encodeStream()`, here a stream that emits fontkit 2's `subset.encode()` once.
type AnyFont = { createSubset: () => { encode: () => Uint8Array } } & Record<string, unknown>;

const parsed = new WeakMap<Uint8Array, unknown>();

export const fontkitAdapter = ({
  create(data: Uint8Array) {
    const cached = parsed.get(data);
    if (cached) return cached;
    const font = fontkit.create(Buffer.from(data.buffer, data.byteOffset, data.byteLength)) as unknown as AnyFont;
    const adapted = new Proxy(font, {
      get(target, property, receiver) {
        if (property !== 'createSubset') return Reflect.get(target, property, receiver) as unknown;
        return () => {
          const subset = target.createSubset() as ReturnType<AnyFont['createSubset']> & { encodeStream?: () => EventEmitter };
          subset.encodeStream = () => {
            const stream = new EventEmitter();
            queueMicrotask(() => {
              try {
                stream.emit('data', subset.encode());
                stream.emit('end');
              } catch (error) {
                stream.emit('error', error);
              }
            });
            return stream;
          };
          return subset;
        };
      },
    });
    parsed.set(data, adapted);
    return adapted;
  },
}) as unknown as Fontkit;

const require = createRequire(import.meta.url);
let regular: Uint8Array | undefined;
let bold: Uint8Array | undefined;

/** Noto Sans SC (SIL Open Font License) from the npm registry, read once per process. */
export function cjkFonts(): { regular: Uint8Array; bold: Uint8Array } {
  regular ??= fs.readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));
  bold ??= fs.readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'));
  return { regular, bold };
}
