/**
 * Which companies each segment and tag holds, as GET /companies?segment_id=…|tag_id=… lists them and
 * GET /segments?include_count=true counts them. Intercom leaves companies without users out of its company
 * listings: `listed` holds only companies whose user_count is above 0, `members` all of them. Built once per
 * workspace size and segment edit (updates change neither a company's segments, its tags nor its user_count).
 */
import { companySegmentIndices, segment } from "./records/segments.ts";
import type { Rec } from "./context.ts";
import type { Workspace } from "./workspace.ts";

interface Group {
  /** Company indices in the group, in listing order. */
  members: number[];
  /** The members a listing shows: those with users. */
  listed: number[];
}

interface CompanyGroups {
  end: number;
  /** companySegmentEdits.version when built. */
  edits: number;
  bySegment: Map<string, Group>;
  byTag: Map<string, Group>;
}

const cache = new WeakMap<Workspace, CompanyGroups>();

function groupsOf(ws: Workspace): CompanyGroups {
  const end = ws.companies.nextIndex();
  const edits = ws.ctx.companySegmentEdits.version;
  const cached = cache.get(ws);
  if (cached && cached.end === end && cached.edits === edits) return cached;
  const bySegment = new Map<string, Group>();
  const byTag = new Map<string, Group>();
  const add = (map: Map<string, Group>, key: string, i: number, listed: boolean) => {
    const group = map.get(key) ?? { members: [], listed: [] };
    group.members.push(i);
    if (listed) group.listed.push(i);
    map.set(key, group);
  };
  for (let i = 0; i < end; i++) {
    const company = ws.companies.current(i);
    if (!company) continue;
    const listed = typeof company.user_count === "number" && company.user_count > 0;
    for (const s of companySegmentIndices(ws.ctx, i)) add(bySegment, String(segment(ws.ctx, s).id), i, listed);
    const tags = ((company.tags as { tags?: Rec[] } | undefined)?.tags ?? []).map((tag) => String(tag.id));
    for (const tag of new Set(tags)) add(byTag, tag, i, listed);
  }
  const built = { end, edits, bySegment, byTag };
  cache.set(ws, built);
  return built;
}

/** The companies in segment `id` (users or not): what its `count` says. */
export function segmentSize(ws: Workspace, id: string): number {
  return live(ws, groupsOf(ws).bySegment.get(id)?.members ?? []).length;
}

/** The indices of the companies a filtered listing shows, in order, before the listing's cap. */
export function listedCompanies(ws: Workspace, filter: { segmentId?: string; tagId?: string }): number[] {
  const groups = groupsOf(ws);
  if (filter.segmentId !== undefined) return live(ws, groups.bySegment.get(filter.segmentId)?.listed ?? []);
  return live(ws, groups.byTag.get(filter.tagId ?? "")?.listed ?? []);
}

/** The groups are cached; a company deleted since is left out when they are read. */
function live(ws: Workspace, indices: number[]): number[] {
  return indices.filter((i) => ws.companies.current(i) !== undefined);
}
