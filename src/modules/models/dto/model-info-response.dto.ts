import type { ModelInfo } from '../models.service';

export class ModelFieldDto {
  /** `active` (inputs); `predicted` (targets) or `output` (OutputFields). @example active */
  usage!: string;

  /** @example accelerationX */
  name!: string;

  /** The PMML data type in capitals (DOUBLE, STRING, DATE_TIME, …). @example DOUBLE */
  type!: string;
}

export class ModelInfoResponseDto {
  /** @example IsolationForest */
  modelName!: string;

  /** The PMML Header's description, or an empty string. @example Isolation forest on acceleration */
  description!: string;

  /** When the model was first uploaded (UTC). @example 2026-11-23T10:15:30.123Z */
  creationDate!: string;

  /** @example true */
  isActive!: boolean;

  inputFields!: ModelFieldDto[];

  outputFields!: ModelFieldDto[];

  /** Extension: the PMML model element. @example MiningModel */
  modelType!: string;

  /** Extension: the PMML functionName. @example regression */
  functionName!: string;

  /** Extension: the current version, from 1; `PUT /model/{name}` adds one. @example 1 */
  version!: number;

  /** Extension: when the current version was uploaded (UTC). @example 2026-11-23T10:15:30.123Z */
  versionCreationDate!: string;

  /** Extension: size of the current version's document in bytes. @example 614400 */
  sizeBytes!: number;

  /** Extension: SHA-256 of the current version's document, hex. @example 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 */
  sha256!: string;

  /** Extension: who uploaded the current version. @example alice */
  uploadedBy!: string;

  /** Extension: the model group it belongs to, or null. @example null */
  groupName!: string | null;
}

export class ModelNamesResponseDto {
  /** @example ["DecisionTreeClassifier", "IsolationForest"] */
  models!: string[];
}

export class ModelVersionDto {
  /** @example 2 */
  version!: number;

  /** @example 2026-11-23T10:15:30.123Z */
  creationDate!: string;

  /** @example 614400 */
  sizeBytes!: number;

  /** @example 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 */
  sha256!: string;

  /** @example alice */
  uploadedBy!: string;

  /** @example MiningModel */
  modelType!: string;
}

export class ModelVersionsResponseDto {
  /** @example IsolationForest */
  modelName!: string;

  versions!: ModelVersionDto[];
}

export function modelInfoResponse({ model, version }: ModelInfo): ModelInfoResponseDto {
  return {
    modelName: model.name,
    description: version.description,
    creationDate: model.createdAt.toISOString(),
    isActive: model.isActive,
    inputFields: version.inputFields,
    outputFields: version.outputFields,
    modelType: version.modelType,
    functionName: version.functionName,
    version: version.version,
    versionCreationDate: version.createdAt.toISOString(),
    sizeBytes: version.sizeBytes,
    sha256: version.sha256,
    uploadedBy: version.uploadedBy,
    groupName: model.groupName === '' ? null : model.groupName,
  };
}
