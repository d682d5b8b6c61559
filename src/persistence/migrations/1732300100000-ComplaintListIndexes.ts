import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** The filters of GET /complaints, each with the single-column index the composite one replaces. */
const FILTERS = [
  { column: 'status', composite: 'ix_complaint_status_received', single: 'ix_complaint_status' },
  { column: 'responsible_dept_code', composite: 'ix_complaint_dept_received', single: 'ix_complaint_responsible_dept' },
  { column: 'kind', composite: 'ix_complaint_kind_received', single: 'ix_complaint_kind' },
  { column: 'severity', composite: 'ix_complaint_severity_received', single: 'ix_complaint_severity' },
  { column: 'category', composite: 'ix_complaint_category_received', single: 'ix_complaint_category' },
];

/**
 * GET /complaints pages newest first by keyset (received_at DESC, id DESC). Unfiltered, ix_complaint_received_id
 * serves that order; with a filter the planners took the filter's single-column index and sorted every matching row
 * (SQLite: 45 ms for one department, 73 ms for one severity at 100,000 complaints). Each filter column gets an index
 * (column, received_at, id) that serves the equality and the order together, so a page reads about `limit` entries.
 * It replaces the column's own index, whose lookups it serves as well (same prefix), so writes keep one index per
 * column. The new indexes are built before the old ones go, so the list always has one.
 */
export class ComplaintListIndexes1732300100000 implements MigrationInterface {
  name = 'ComplaintListIndexes1732300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const { column, composite } of FILTERS) {
      await queryRunner.createIndex('complaint', new TableIndex({ name: composite, columnNames: [column, 'received_at', 'id'] }));
    }
    for (const { single } of FILTERS) await queryRunner.dropIndex('complaint', single);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { column, single } of FILTERS) {
      await queryRunner.createIndex('complaint', new TableIndex({ name: single, columnNames: [column] }));
    }
    for (const { composite } of FILTERS) await queryRunner.dropIndex('complaint', composite);
  }
}
