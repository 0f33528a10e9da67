"""Run by `manage.py shell` in the runtime-only install: a client with an hourly job and a freelancer."""

from decimal import Decimal

from jobs.models import BudgetType, JobPost
from marketplace.accounts.models import ClientProfile, FreelancerProfile, User

PASSWORD = "smoke-pass-2026"
client = User.objects.create_user("smokeclient", "client@smoke.test", PASSWORD, is_client=True)
ClientProfile.objects.create(user=client, company_name="Smoke Ltd")
freelancer = User.objects.create_user("smokefreelancer", "freelancer@smoke.test", PASSWORD, is_freelancer=True)
FreelancerProfile.objects.create(user=freelancer, title="Python developer", hourly_rate=Decimal("50.00"))
job = JobPost.objects.create(
    client=client,
    title="Booking website",
    description="We need a Django developer to build a booking website with payments.",
    budget_type=BudgetType.HOURLY,
    hourly_min=Decimal("30.00"),
    hourly_max=Decimal("60.00"),
    hires_needed=1,
)
print(f"JOB_ID={job.pk}")
