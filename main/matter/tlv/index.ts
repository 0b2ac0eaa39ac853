/** The general Matter TLV codec (Matter Core Specification, appendix A). */
export { decodeTlv } from './decode';
export { encodeTlv } from './encode';
export { TLV_MAX_DEPTH, anonymousTag, contextTag, describeTag, describeType, isContainer, sameTag } from './types';
export type { TlvContainerType, TlvElement, TlvInteger, TlvTag, TlvType } from './types';
