import pytest

from ekyc import MissingCredentials, Settings
from ekyc.config import UPSTREAM_BASE_URLS


def test_no_credentials_means_sandbox():
    settings = Settings.from_mapping({})
    assert settings.mode == "sandbox"
    assert settings.base_urls == UPSTREAM_BASE_URLS


def test_key_a_alone_is_live_and_key_b_names_its_variables():
    settings = Settings.from_mapping({"KYC_APPID": "IDA1", "KYC_SECRET": "s3cret-value"})
    assert settings.mode == "live"
    assert settings.key("A").app_id == "IDA1"
    with pytest.raises(MissingCredentials) as err:
        settings.key("B")
    assert err.value.variables == ("LABEL_APPID", "LABEL_SECRET")
    assert "LABEL_APPID" in str(err.value) and "technical support" in str(err.value)


def test_key_b_alone_and_key_a_missing_says_where_to_get_it():
    settings = Settings.from_mapping({"LABEL_APPID": "L1", "LABEL_SECRET": "x"})
    with pytest.raises(MissingCredentials, match="FaceID console"):
        settings.key("A")


def test_empty_variable_counts_as_unset_and_environment_wins(tmp_path):
    env = tmp_path / ".env"
    env.write_text("KYC_APPID=fromfile\nKYC_SECRET=filesecret\nEKYC_READ_TIMEOUT=7\n")
    from_file = Settings.from_env(env, environ={})
    assert from_file.key("A").app_id == "fromfile" and from_file.read_timeout == 7.0
    overridden = Settings.from_env(env, environ={"KYC_APPID": ""})
    assert overridden.key_a is None and overridden.mode == "sandbox"


def test_secret_never_in_repr():
    settings = Settings.from_mapping({"KYC_APPID": "IDA1", "KYC_SECRET": "topsecretvalue"})
    assert "topsecretvalue" not in repr(settings)


def test_base_url_with_prefix_and_trailing_slash():
    settings = Settings.from_mapping({"EKYC_KYC1_BASE_URL": "http://127.0.0.1:9/kyc1/"})
    assert settings.base_urls["kyc1"] == "http://127.0.0.1:9/kyc1"


@pytest.mark.parametrize(
    "values, message",
    [
        ({"EKYC_MODE": "production"}, "EKYC_MODE"),
        ({"EKYC_READ_TIMEOUT": "soon"}, "EKYC_READ_TIMEOUT"),
        ({"EKYC_LABEL_TIMEOUT": "-1"}, "EKYC_LABEL_TIMEOUT"),
    ],
)
def test_bad_settings_are_refused_clearly(values, message):
    with pytest.raises(ValueError, match=message):
        Settings.from_mapping(values)
