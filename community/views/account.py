"""A member's own account: editing the profile, seeing and downloading what we keep, and
deleting the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import profiles
from ..avatars import normalised_avatar
from ..forms import DeleteAccountForm, ProfileForm
from ..privacy import delete_account, export_member_data


@login_required
def edit_profile(request):
    profile = profiles.own_profile(request.user)
    form = ProfileForm(
        request.POST or None,
        request.FILES or None,
        instance=profile,
        initial={"first_name": request.user.first_name, "last_name": request.user.last_name},
    )
    if request.method == "POST" and form.is_valid():
        profile = form.save(commit=False)
        if "avatar" in request.FILES:
            profile.avatar.save("avatar.jpg", normalised_avatar(request.FILES["avatar"]), save=False)
        profile.save()
        request.user.first_name, request.user.last_name = (
            form.cleaned_data["first_name"],
            form.cleaned_data["last_name"],
        )
        request.user.save(update_fields=["first_name", "last_name"])
        messages.success(request, _("Your profile has been saved."))
        return redirect("community:member", username=request.user.get_username())
    return render(request, "community/profile_form.html", {"form": form})


@login_required
def my_data(request):
    """See what we keep, download it, or delete the account (password required)."""
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_account(user)
        messages.success(request, _("Your account has been deleted. Your posts remain, without your name."))
        return redirect("/")
    return render(request, "community/my_data.html", {"form": form})


@login_required
def download_my_data(request):
    response = JsonResponse(export_member_data(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response
