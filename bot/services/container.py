"""All services, built once from settings and handed to handlers and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock, utc_now
from bot.config import Settings, SettingsError
from bot.forms.schema import FormSpec, load_form
from bot.scoring.methodology import Methodology, MethodologyError, load_methodology
from bot.services.appraisal import AppraisalService
from bot.services.audit import AuditService
from bot.services.awards import AwardRule, AwardRuleError, AwardsService
from bot.services.backup import BackupService
from bot.services.broadcasts import BroadcastService
from bot.services.chart_images import ChartImages
from bot.services.conversations import ConversationService
from bot.services.export import ExportService
from bot.services.inspections import InspectionService
from bot.services.office import OfficeService
from bot.services.outbox import OutboxSender, SenderSettings
from bot.services.pacing import Pacer, PacerSettings
from bot.services.periods import PeriodService
from bot.services.practices import PracticeService
from bot.services.publication import PublicationService
from bot.services.registration import RegistrationService
from bot.services.reminders import DeskSchedule
from bot.services.reporting import ReportingService
from bot.services.review import ReviewService
from bot.services.roster import RosterService
from bot.services.standings import StandingsService
from storage.database import Database


@dataclass(slots=True)
class Services:
    settings: Settings
    db: Database
    form: FormSpec
    clock: Clock
    registration: RegistrationService
    periods: PeriodService
    reporting: ReportingService
    office: OfficeService
    conversations: ConversationService
    roster: RosterService
    export: ExportService
    standings: StandingsService
    appraisal: AppraisalService
    charts: ChartImages
    awards: AwardsService
    inspections: InspectionService
    publication: PublicationService

    pacer: Pacer
    outbox: OutboxSender
    broadcasts: BroadcastService
    practices: PracticeService
    audit: AuditService
    backup: BackupService
    review: ReviewService
    desk: DeskSchedule

    async def close(self) -> None:
        await self.charts.close()
        await self.outbox.stop()  # records the requests in flight before the database goes
        await self.db.close()


def build_services(settings: Settings, *, clock: Clock = utc_now) -> Services:
    """Wire services; the database is opened separately with :func:`open_services`."""
    db = Database(settings.db_path)
    form = load_form(settings.form_file)
    periods = PeriodService(
        db,
        clock,
        tz=settings.tz,
        due_day=settings.due_day,
        years=(settings.campaign_first_year, settings.campaign_last_year),
    )
    methodology = _methodology(settings, form)
    standings = StandingsService(db, clock, methodology, periods, count=settings.standings_count)
    office = OfficeService(db)
    review = ReviewService(db, clock, periods, reopen_days=settings.reopen_days)
    pacer = Pacer(PacerSettings.from_settings(settings))
    outbox = OutboxSender(db, clock, SenderSettings.from_settings(settings), pacer=pacer)
    broadcasts = BroadcastService(
        db,
        clock,
        outbox,
        periods,
        office,
        office_ids=settings.office_ids,
        notice_window=settings.notice_window,
    )
    return Services(
        settings=settings,
        db=db,
        form=form,
        clock=clock,
        registration=RegistrationService(
            db, clock, office_ids=settings.office_ids, ttl=settings.invite_ttl
        ),
        periods=periods,
        reporting=ReportingService(db, clock, form, periods, notices=broadcasts),
        office=office,
        conversations=ConversationService(db, clock),
        roster=RosterService(db, clock),
        export=ExportService(
            db,
            form,
            tz=settings.tz,
            standings=standings,
            clock=clock,
            identity=settings.identity,
        ),
        standings=standings,
        appraisal=AppraisalService(db, clock, methodology, periods),
        charts=ChartImages(
            directory=settings.chart_path, disk_budget=settings.chart_cache_mb * 2**20
        ),
        awards=AwardsService(
            db, clock, standings, periods, rule=_award_rule(settings, methodology)
        ),
        inspections=InspectionService(
            db, clock, years=(settings.campaign_first_year, settings.campaign_last_year)
        ),
        publication=PublicationService(db, clock, standings, periods, review),
        pacer=pacer,
        outbox=outbox,
        broadcasts=broadcasts,
        practices=PracticeService(db, clock),
        audit=AuditService(
            db, form, methodology=methodology, office_ids=settings.office_ids, tz=settings.tz
        ),
        backup=BackupService(
            settings.db_path,
            settings.backup_path,
            keep=settings.backup_keep,
            tz=settings.tz,
            clock=clock,
        ),
        review=review,
        desk=DeskSchedule(
            db,
            clock,
            periods,
            review,
            tz=settings.tz,
            office_ids=settings.office_ids,
            offsets=settings.reminder_offsets,
            reminder_time=settings.reminder_time,
            quiet_start=settings.quiet_start,
            quiet_end=settings.quiet_end,
            digest_time=settings.digest_time,
            digest_days=settings.digest_days,
        ),
    )


def _methodology(settings: Settings, form: FormSpec) -> Methodology:
    try:
        return load_methodology(settings.methodology_file, form=form)
    except MethodologyError as exc:
        if settings.form_file is not None and settings.methodology_file is None:
            # The shipped criteria read the shipped form's fields; an office that
            # changes the form must say how the new one is scored.
            raise MethodologyError(
                f"{exc}. Mẫu báo cáo riêng (CCHC_FORM_FILE) cần bộ tiêu chí phù hợp: "
                "đặt CCHC_METHODOLOGY_FILE"
            ) from None
        raise


def _award_rule(settings: Settings, methodology: Methodology) -> AwardRule:
    """The award settings against the methodology, checked at start-up."""
    try:
        return AwardRule.of(
            methodology, blocks=settings.award_blocks, min_band=settings.award_min_band
        )
    except AwardRuleError as exc:
        raise SettingsError(f"CCHC_AWARD_MIN_BAND: {exc}") from None


async def open_services(settings: Settings, *, clock: Clock = utc_now) -> Services:
    services = build_services(settings, clock=clock)
    await services.db.open()
    return services
