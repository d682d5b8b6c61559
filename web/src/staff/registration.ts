/** The registration form (客户投诉/建议信息登记处理单) as the clerk fills it in. */
export interface RegistrationRecord {
  complainant: { name: string; organisation: string; address: string; phone: string; email: string };
  kind: string;
  severity: string;
  category: string;
  channel: string;
  origin: string;
  level: string;
  content: string;
  customerDemand: string;
  requestedReplyAt: string | null;
  evidence: string[];
  complex: boolean;
}

export function emptyRecord(): RegistrationRecord {
  return {
    complainant: { name: '', organisation: '', address: '', phone: '', email: '' },
    kind: 'complaint',
    severity: '',
    category: '',
    channel: 'hotline',
    origin: 'regular',
    level: 'normal',
    content: '',
    customerDemand: '',
    requestedReplyAt: null,
    evidence: [],
    complex: false,
  };
}

/** The POST /complaints body: trimmed text, empty optional fields left out. */
export function registrationBody(record: RegistrationRecord): Record<string, unknown> {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    complainant: {
      name: record.complainant.name.trim(),
      organisation: optional(record.complainant.organisation),
      address: optional(record.complainant.address),
      phone: optional(record.complainant.phone),
      email: optional(record.complainant.email),
    },
    kind: record.kind,
    severity: record.severity,
    category: record.category,
    channel: record.channel,
    origin: record.origin,
    level: record.level,
    content: record.content.trim(),
    customerDemand: optional(record.customerDemand),
    requestedReplyAt: record.requestedReplyAt ?? undefined,
    evidence: record.evidence.map((e) => e.trim()).filter((e) => e !== ''),
    complex: record.complex,
  };
}
