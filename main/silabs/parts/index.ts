/** EFR32 part catalogue: orderable part numbers, DEVINFO words and each family's memory layout. See docs/efr32-parts.md. */
export {
  familyLayout,
  findFamily,
  isFamilyId,
  jlinkDeviceName,
  nvm3H5Word,
  FAMILY_BYTE_ADDRESS,
  SERIES2_FAMILY_BYTE,
  SUPPORTED_FAMILIES,
  type DevinfoLayout,
  type FamilyId,
  type FamilyLayout,
  type LayoutOverrides,
  type Series,
  type UncertainFact,
} from './families';
export {
  DEFAULT_TEMPERATURE_LETTERS,
  PACKAGE_TYPES,
  TEMPERATURE_RANGES,
  formatOrderablePartNumber,
  type Nvm3Region,
  type PackageType,
  type PartInfo,
  type PartMemory,
  type PartOptions,
  type PartTemperature,
  type SecurityLevel,
} from './partInfo';
export { parseOrderablePartNumber } from './partNumber';
export { devinfoFromPart, identifySeries, partFromDevinfo, type DevinfoFromPartOptions, type DevinfoWords } from './devinfo';
