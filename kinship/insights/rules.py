"""Who may see the exchange network (issue 22): a family's coordinators see their family,
a school's leads their school, platform admins only totals naming no school."""

from kinship.core.rules import add_perm, is_platform_admin
from kinship.membership.predicates import (
    is_family_coordinator,
    is_lead_of_school,
    is_staff_account,
)

# The insights home lists what each reader may open; partners and pupils have nothing there.
add_perm("insights.view_home", is_staff_account)
add_perm("insights.view_family_network", is_family_coordinator & is_staff_account)
add_perm("insights.view_school_figures", is_lead_of_school & is_staff_account)
add_perm("insights.view_totals", is_platform_admin)
