import type { Command } from '../command.js';
import { listFlag } from '../command.js';
import { UserError } from '../../errors.js';
import { loadConfigFile } from '../../config/load.js';
import { resolveConfig } from '../../config/resolve.js';
import { TASKS, type AuditConfig } from '../../config/types.js';
import { auditCountQuery } from '../../sql/task-query.js';
import { SQL_DIALECTS, sqlDialect } from '../../sql/dialect.js';
import { sqlRelation } from '../open-input.js';

interface SqlArgs {
  dialect: string;
  table?: string;
  query?: string;
  queryFile?: string;
  config?: string;
  label?: string;
  prediction?: string;
  score?: string;
  weight?: string;
  strata?: string;
  sensitive?: string[];
  intersections?: string;
  groupingSets?: boolean;
  task?: string;
}

/**
 * `fairaudit sql --dialect D (--table T | --query Q)`: prints the count query for an audit, for
 * a user to run on their own warehouse and audit its result with `fairaudit audit --counts`.
 */
export const sqlCommand: Command<SqlArgs> = {
  command: 'sql',
  describe: 'print the count query an audit needs, for your warehouse to run (then: fairaudit audit --counts FILE)',
  builder: (y) =>
    y
      .option('dialect', { choices: SQL_DIALECTS, demandOption: true, describe: 'the SQL dialect to write' })
      .option('table', { type: 'string', describe: 'the table or view to audit (schema.table)' })
      .option('query', { type: 'string', describe: 'a query whose rows are audited' })
      .option('query-file', { type: 'string', describe: 'a file holding that query' })
      .option('config', { alias: 'c', type: 'string', describe: 'audit config (YAML or JSON); flags override it' })
      .option('label', { type: 'string', describe: 'column with the true outcome' })
      .option('prediction', { type: 'string', describe: "column with the model's decision" })
      .option('score', { type: 'string', describe: "column with the model's score" })
      .option('weight', { type: 'string', describe: 'column of sample weights' })
      .option('strata', { type: 'string', describe: 'column for conditional demographic disparity' })
      .option('sensitive', { type: 'string', array: true, coerce: listFlag, describe: 'sensitive attributes, comma-separated' })
      .option('intersections', { type: 'string', describe: 'pairs, all or none [default: pairs]' })
      .option('task', { choices: TASKS, describe: 'binary, multiclass or regression: a regression audit has its own query [default: binary\'s, which also serves multiclass]' })
      .option('grouping-sets', { type: 'boolean', describe: 'one GROUPING SETS set per attribute and intersection instead of one joint GROUP BY (smaller when attributes have many values)' })
      .example('$0 sql --dialect spark --table lake.preds -c prod.yaml > counts.sql', 'the query for Spark; save its result as counts.csv')
      .example('$0 audit --counts counts.csv -c prod.yaml --counts-query counts.sql', 'then audit the saved result'),
  run: async (args) => {
    const dialect = sqlDialect(args.dialect);
    const fileConfig = args.config ? await loadConfigFile(args.config) : {};
    const config = resolveConfig(fileConfig, {
      label: args.label,
      prediction: args.prediction,
      score: args.score,
      weight: args.weight,
      strata: args.strata,
      sensitive: args.sensitive,
      intersections: args.intersections as AuditConfig['intersections'] | undefined,
      task: args.task as AuditConfig['task'],
    });
    if (!config.sensitive || config.sensitive.length === 0) {
      throw new UserError('the count query needs the sensitive attributes named', { hint: 'add --sensitive col1,col2 or sensitive: in the config' });
    }
    if (!config.label && !config.prediction && !config.score) {
      throw new UserError('nothing to audit: no label, prediction or score column is set', { hint: 'name them with --label and --prediction (or --score), or in the config' });
    }
    const relation = await sqlRelation(args, config);
    const columns = { label: config.label, prediction: config.prediction, score: config.score, weight: config.weight, strata: config.strata, sensitive: config.sensitive };
    process.stdout.write(auditCountQuery(dialect, relation, columns, config, { groupingSets: args.groupingSets, task: config.task }) + ';\n');
    return 0;
  },
};
