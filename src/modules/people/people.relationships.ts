/**
 * How people are connected, for the "only people in projects with me" profile setting.
 *
 * Projects arrive with issue #4, which wires a real implementation (backed by circle membership) into
 * createServices. Until then `noProjectRelationships` says nobody shares a project with anybody, so a profile set to
 * "projects" is seen only by its owner, admins and (for people without accounts) facilitators: the safe reading of
 * the person's choice. Service tests drive the "projects" rows through their own implementation.
 */
export interface Relationships {
  /** Whether the viewer and the owner are both in at least one project (of this organisation). */
  sharesProject(organisationId: string, viewerPersonId: string, ownerPersonId: string): Promise<boolean>;
  /**
   * Of `candidates` (or, when omitted, of everyone in the organisation), the people who share a project with the
   * viewer. One query, whatever the number of people, so the directory's query count stays constant.
   */
  peopleSharingProjects(organisationId: string, viewerPersonId: string, candidates?: readonly string[]): Promise<readonly string[]>;
}

/** To be replaced by issue #4 (projects): until then nobody shares a project. */
export const noProjectRelationships: Relationships = {
  sharesProject: () => Promise.resolve(false),
  peopleSharingProjects: () => Promise.resolve([]),
};

