// fontkit 2 ships no type declarations; the adapter in platform/pdf-fonts.ts needs only `create`.
declare module 'fontkit' {
  export function create(buffer: Buffer, postscriptName?: string): unknown;
}
