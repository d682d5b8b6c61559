import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from './schema-helpers';

/** Users who head further departments besides their own (department-scoped tasks, 000 4.2.2). */
export class DepartmentHeads1732300020000 implements MigrationInterface {
  name = 'DepartmentHeads1732300020000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    await queryRunner.createTable(new Table({
      name: 'org_department_head',
      columns: [{ ...c.str('user_id', 36), isPrimary: true }, { ...c.str('department_code', 10), isPrimary: true }],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('org_department_head');
  }
}
