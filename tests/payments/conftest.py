from tests.proposals.builders import client_user, fixed_job, freelancer, job  # noqa: F401
