/** Builds the Fastify app from the modules. It does not listen, so tests can inject requests. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { MAX_UPLOAD_BYTES } from '../shared/documents.schema';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { DbHandle } from './db/connection';
import { fixedClock, systemClock, type Clock } from './kernel/clock';
import type { Actor, Kernel } from './kernel/context';
import { EventBus } from './kernel/events';
import {
  frameworkError,
  installAccessControl,
  installErrorHandler,
  notFoundBody,
  responseSerializerCompiler,
  type App,
} from './kernel/http';
import { JobQueue, type JobQueueOptions } from './kernel/jobs';
import { smtpMailer, type OutgoingMail } from './kernel/mail';
import { installOutbox } from './kernel/outbox';
import { loadSecretBox } from './kernel/secrets';
import { auditRoutes } from './modules/audit/routes';
import { AuditService } from './modules/audit/service';
import { authRoutes } from './modules/auth/routes';
import { AuthService, SESSION_COOKIE } from './modules/auth/service';
import { healthRoutes } from './modules/health/routes';
import { notificationsRoutes } from './modules/notifications/routes';
import { installNotificationSubscribers, NotificationsService } from './modules/notifications/service';
import { installMaintenance } from './modules/maintenance/jobs';
import { rolesRoutes } from './modules/roles/routes';
import { RolesService } from './modules/roles/service';
import { settingsRoutes } from './modules/settings/routes';
import { readSettings, SettingsService } from './modules/settings/service';
import { communicationsRoutes } from './modules/communications/routes';
import { consultantsRoutes } from './modules/consultants/routes';
import { ConsultantsService } from './modules/consultants/service';
import { CommunicationsService } from './modules/communications/service';
import { eventsRoutes } from './modules/events/routes';
import { EventsService } from './modules/events/service';
import { linksRoutes } from './modules/links/routes';
import { LinksService } from './modules/links/service';
import { documentsRoutes } from './modules/documents/routes';
import { DocumentsService } from './modules/documents/service';
import { exchangeRoutes } from './modules/exchange/routes';
import { ImportService } from './modules/exchange/imports';
import { ExchangeService, partnershipsImport } from './modules/exchange/service';
import { consultantImport } from './modules/consultants/import';
import { leadImport } from './modules/leads/import';
import { partnerImport } from './modules/partners/import';
import { jobsRoutes } from './modules/jobs/routes';
import { MailInboxService } from './modules/mailboxes/inbox';
import { MailSender } from './modules/mailboxes/outbound';
import { PartnerEmailActivityService } from './modules/mailboxes/partnerActivity';
import { mailboxesRoutes } from './modules/mailboxes/routes';
import { MailboxesService } from './modules/mailboxes/service';
import { sheetsRoutes } from './modules/sheets/routes';
import { SheetsService } from './modules/sheets/service';
import { mailMergeRoutes } from './modules/mailMerge/routes';
import { MailMergeService } from './modules/mailMerge/service';
import { AnnualGoalsService } from './modules/overview/annualGoals';
import { overviewRoutes } from './modules/overview/routes';
import { OverviewService } from './modules/overview/service';
import { accountsRoutes } from './modules/accounts/routes';
import { accountsOfPartner } from './modules/accounts/repo';
import { AccountsService } from './modules/accounts/service';
import { activitiesOfPartner } from './modules/activities/repo';
import { activitiesRoutes } from './modules/activities/routes';
import { ActivitiesService } from './modules/activities/service';
import { casesOfPartner } from './modules/cases/repo';
import { casesRoutes } from './modules/cases/routes';
import { CasesService } from './modules/cases/service';
import { commentsRoutes } from './modules/comments/routes';
import { CommentsService } from './modules/comments/service';
import { consultantsOfPartner } from './modules/consultants/repo';
import { plainRelatedHistory } from './kernel/children';
import { forecastsRoutes } from './modules/forecasts/routes';
import { ForecastsService } from './modules/forecasts/service';
import { leadsOfPartner } from './modules/leads/repo';
import { leadsRoutes } from './modules/leads/routes';
import { LeadsService } from './modules/leads/service';
import { opportunitiesOfPartner } from './modules/opportunities/repo';
import { opportunitiesRoutes } from './modules/opportunities/routes';
import { OpportunitiesService } from './modules/opportunities/service';
import { StagesService } from './modules/opportunities/stages';
import { PartnerBulkService } from './modules/partners/bulk';
import { PartnerLifecycleService } from './modules/partners/lifecycle';
import { partnerLifecycleRoutes } from './modules/partners/lifecycleRoutes';
import { partnersRoutes } from './modules/partners/routes';
import { savedFiltersRoutes } from './modules/savedFilters/routes';
import { SavedFiltersService } from './modules/savedFilters/service';
import { PartnersService } from './modules/partners/service';
import { usersRoutes } from './modules/users/routes';
import { UsersService } from './modules/users/service';

export interface BuildOptions {
  config: Config;
  handle: DbHandle;
  clock?: Clock;
  jobs?: JobQueueOptions;
  /** Serve the built web app from this folder (default dist/web when it exists). */
  webRoot?: string | null;
}

export interface Accord {
  app: App;
  kernel: Kernel;
  bus: EventBus;
  services: {
    auth: AuthService;
    users: UsersService;
    roles: RolesService;
    settings: SettingsService;
    audit: AuditService;
    notifications: NotificationsService;
  };
  close(): Promise<void>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Wires the kernel: clock, mail, jobs and the event bus over one database. */
export function buildKernel(
  config: Config,
  handle: DbHandle,
  clock?: Clock,
  jobOptions?: JobQueueOptions,
): { kernel: Kernel; bus: EventBus } {
  const theClock = clock ?? (config.now ? fixedClock(config.now) : systemClock);
  const jobs = new JobQueue(handle.db, handle.engine, theClock, jobOptions);
  const secrets = loadSecretBox(config.secretKeys, config.dataDir);
  const mail = smtpMailer(async () => (await readSettings(handle.db, secrets)).value.smtp);
  const kernel: Kernel = {
    db: handle.db,
    engine: handle.engine,
    dataVersion: handle.dataVersion,
    clock: theClock,
    config,
    mail,
    jobs,
    secrets,
  };
  const bus = new EventBus();
  installOutbox(handle.db, theClock, jobs, bus);
  jobs.register('mail.send', async (ctx) => mail.send(ctx.payload as OutgoingMail));
  jobs.onTick(async () => void (await jobs.runDueSchedules()));
  installMaintenance(kernel);
  installNotificationSubscribers(kernel, bus);
  return { kernel, bus };
}

export async function buildApp(opts: BuildOptions): Promise<Accord> {
  const { config, handle } = opts;
  const { kernel, bus } = buildKernel(config, handle, opts.clock, opts.jobs);
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: process.env.ACCORD_TRUST_PROXY === '1',
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: frameworkError,
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        // Only ask browsers to upgrade to https when Accord is served over https (a LAN install on plain
        // http would otherwise fail to load its own scripts).
        upgradeInsecureRequests: config.publicUrl.startsWith('https://') ? [] : null,
      },
    },
  });
  installErrorHandler(app, config.bodyLimitBytes);

  const services = {
    auth: new AuthService(kernel),
    users: new UsersService(kernel),
    roles: new RolesService(kernel),
    settings: new SettingsService(kernel),
    audit: new AuditService(kernel),
    notifications: new NotificationsService(kernel),
  };
  installAccessControl(app, async (req) => {
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    return services.auth.authenticate(req.cookies[SESSION_COOKIE], bearer);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Accord API',
        version: process.env.npm_package_version ?? '0.1.0',
        description:
          'The API of Accord, the open-source CRM. Errors always have the shape { error: { code, message, fields? } }.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'A personal API token (Profile → API tokens)',
          },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  healthRoutes(app, kernel);
  authRoutes(
    app,
    kernel,
    services.auth,
    async () => (await readSettings(kernel.db, kernel.secrets)).value.companyName,
  );
  usersRoutes(app, services.users);
  rolesRoutes(app, services.roles);
  auditRoutes(app, services.audit);
  settingsRoutes(app, services.settings);
  notificationsRoutes(app, services.notifications);
  const links = new LinksService(kernel);
  linksRoutes(app, links);
  eventsRoutes(app, new EventsService(kernel, links));
  const partners = new PartnersService(kernel);
  const consultants = new ConsultantsService(kernel, partners);
  consultantsRoutes(app, consultants);
  // Partner management: the partner's accounts, cases, leads, deals, activities, comments, forecasts.
  const accounts = new AccountsService(kernel, partners);
  const cases = new CasesService(kernel, partners);
  const opportunities = new OpportunitiesService(kernel, partners);
  const leads = new LeadsService(kernel, partners, opportunities, consultants);
  const activities = new ActivitiesService(kernel, partners, leads, opportunities);
  const comments = new CommentsService(kernel, {
    partner: (a, id) => partners.get(a, id),
    contact: (a, id) => consultants.get(a, id),
    account: (a, id) => accounts.get(a, id),
    case: (a, id) => cases.get(a, id),
    lead: (a, id) => leads.get(a, id),
    opportunity: (a, id) => opportunities.get(a, id),
    activity: (a, id) => activities.get(a, id),
  });
  /** The records that hang off a partner: its detail tabs, its delete and restore, its History. */
  const partnerChildren = [
    consultantsOfPartner,
    accountsOfPartner,
    casesOfPartner,
    leadsOfPartner,
    opportunitiesOfPartner,
    activitiesOfPartner,
  ];
  const lifecycle = new PartnerLifecycleService(kernel, partners, partnerChildren, (db, id) =>
    comments.countQuery(db, 'partner', id),
  );
  // The detail reads the partner for the same actor in the same answer: that read is the visibility check.
  partnersRoutes(app, partners, (actor, id) => lifecycle.tabCounts(actor, id, true));
  partnerLifecycleRoutes(app, lifecycle, new PartnerBulkService(kernel, partners));
  accountsRoutes(app, accounts);
  casesRoutes(app, cases);
  opportunitiesRoutes(app, opportunities, new StagesService(kernel));
  leadsRoutes(app, leads);
  activitiesRoutes(app, activities);
  commentsRoutes(app, comments);
  savedFiltersRoutes(app, new SavedFiltersService(kernel));
  forecastsRoutes(app, new ForecastsService(kernel, partners));
  for (const [entity, check] of Object.entries({
    partner: (a: Actor, id: string) => partners.assertSeen(a, id),
    contact: (a: Actor, id: string) => consultants.get(a, id),
    account: (a: Actor, id: string) => accounts.get(a, id),
    case: (a: Actor, id: string) => cases.get(a, id),
    lead: (a: Actor, id: string) => leads.get(a, id),
    opportunity: (a: Actor, id: string) => opportunities.get(a, id),
    activity: (a: Actor, id: string) => activities.get(a, id),
  }))
    services.audit.registerVisibility(entity, check);
  services.audit.registerRelated('partner', [
    ...partnerChildren,
    plainRelatedHistory({
      entity: 'link',
      noun: 'Event involvement',
      module: 'links',
      table: 'links',
      parentColumn: 'organization_id',
      label: "COALESCE(events.name, '')",
      joins: (q) => q.leftJoin('events', 'events.id', 'links.event_id'),
    }),
    plainRelatedHistory({
      entity: 'communication',
      noun: 'Communication',
      module: 'communications',
      table: 'communications',
      parentColumn: 'organization_id',
      label: 'communications.subject',
    }),
    plainRelatedHistory({
      entity: 'document',
      noun: 'Document',
      module: 'documents',
      table: 'documents',
      parentColumn: 'organization_id',
      label: 'documents.title',
    }),
  ]);
  const communications = new CommunicationsService(kernel, partners);
  communicationsRoutes(app, communications);
  const documents = new DocumentsService(kernel, partners);
  documentsRoutes(app, documents);
  const mailboxes = new MailboxesService(kernel);
  mailboxes.sync.install();
  await mailboxesRoutes(
    app,
    mailboxes,
    new MailInboxService(kernel, partners, consultants, documents),
    new MailSender(kernel, partners),
    new PartnerEmailActivityService(kernel, communications),
    communications,
  );
  const imports = new ImportService(kernel);
  imports.register(partnershipsImport(kernel));
  imports.register(partnerImport(kernel, partners));
  imports.register(consultantImport(kernel, consultants, partners));
  imports.register(leadImport(kernel, leads, partners));
  exchangeRoutes(app, new ExchangeService(kernel), imports);
  mailMergeRoutes(app, new MailMergeService(kernel, partners, consultants));
  // Google Sheets sync; ACCORD_GOOGLE_SHEETS_URL points it at another Sheets API address (a test server).
  const sheets = new SheetsService(kernel, process.env.ACCORD_GOOGLE_SHEETS_URL ?? '');
  sheets.installAutoPush(bus);
  sheetsRoutes(app, sheets);
  overviewRoutes(
    app,
    new OverviewService(kernel, partners, () => sheets.overviewBlock()),
    new AnnualGoalsService(kernel),
  );
  jobsRoutes(app, kernel);

  const webRoot =
    opts.webRoot === undefined ? path.resolve(root, process.env.ACCORD_WEB_DIR ?? 'dist/web') : opts.webRoot;
  const serveWeb = !!webRoot && fs.existsSync(path.join(webRoot, 'index.html'));
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      maxAge: '1h',
      immutable: true,
      prefix: '/',
      // The build writes .br and .gz copies of its text assets (scripts/viteCompress.ts).
      preCompressed: true,
      // Only the build's hashed assets never change; a file at the root (favicon, early.js) is revalidated.
      setHeaders: (reply, file) => {
        if (path.basename(path.dirname(file)) !== 'assets') reply.header('cache-control', 'no-cache');
      },
    });
  }
  // The web app routes in the browser: every other GET outside /api gets index.html.
  app.setNotFoundHandler((req, reply) => {
    // A missing build asset is a 404, not the app shell (an old tab after a deploy asks for old files).
    if (serveWeb && req.method === 'GET' && !req.url.startsWith('/api') && !req.url.startsWith('/assets/')) {
      return reply
        .header('cache-control', 'no-cache')
        .sendFile('index.html', webRoot!, { maxAge: 0, immutable: false });
    }
    return reply.status(404).send(notFoundBody(req.method, req.url));
  });

  return {
    app,
    kernel,
    bus,
    services,
    close: async () => {
      await kernel.jobs.stop();
      await app.close();
    },
  };
}
