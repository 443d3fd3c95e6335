import type PptxModule from 'pptxgenjs';

/**
 * pptxgenjs, loaded on first use. Its type declarations describe a CommonJS module whose default
 * export holds the class, while Node's ESM loader hands the class itself as the default: these
 * aliases and the loader accept either shape.
 */

export type PptxClass = typeof PptxModule.default;
export type Presentation = InstanceType<PptxClass>;
export type PptxSlide = PptxModule.default.Slide;
export type TextProps = PptxModule.default.TextProps;
export type TextPropsOptions = PptxModule.default.TextPropsOptions;
export type TableCell = PptxModule.default.TableCell;
export type ShapeTypes = Presentation['ShapeType'];

/** The pptxgenjs class. */
export async function loadPptxGenJS(): Promise<PptxClass> {
  const loaded = (await import('pptxgenjs')) as unknown as { default: PptxClass | { default: PptxClass } };
  const found = loaded.default;
  return typeof found === 'function' ? found : found.default;
}
