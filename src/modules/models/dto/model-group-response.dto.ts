import type { PageStatisticsDto } from '../../../core/http/page-statistics.dto';
import type { ModelGroupView } from '../model-groups.service';

export class ModelGroupResponseDto implements ModelGroupView {
  /** @example AnomalyDetectionModels */
  groupName!: string;

  /** The members in the order they were given. @example ["IsolationForest", "IsolationForestRetrained"] */
  models!: string[];

  /** @example IsolationForest */
  primaryModel!: string;
}

export class ModelGroupsPageResponseDto {
  /** The next page, or null on the last one. @example /service/zementis/pmml/groups?pageSize=5&currentPage=2 */
  next!: string | null;

  /** The previous page, or null on the first one. @example null */
  prev!: string | null;

  statistics!: PageStatisticsDto;

  /** Ordered by name. */
  groups!: ModelGroupResponseDto[];
}
