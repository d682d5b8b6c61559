/** What the handling steps recorded on a complaint, as the API answers it (no imports: the console reads this type too). */
export interface ComplaintOutcome {
  handlingCause: string | null;
  handlingResult: string | null;
  correctiveAction: string | null;
  preventiveAction: string | null;
  measuresInPlace: boolean | null;
  capaApproved: boolean | null;
  capaReviewOpinion: string | null;
  capaReviewedBy: string | null;
  capaReviewedAt: string | null;
  rootCauseMeetingAt: string | null;
  rootCauseAttendees: string | null;
  rootCause: string | null;
  rootCauseMeasures: string | null;
  finalReply: string | null;
  finalReplyAt: string | null;
  responseMinutes: number | null;
  respondedWithinLimit: boolean | null;
  resolutionMinutes: number | null;
  resolvedWithinLimit: boolean | null;
}
