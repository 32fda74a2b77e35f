"""ID-card numbers: checked, encrypted at rest, only ever shown masked."""
import pytest

from app.errors import APIError
from app.volunteers import identity
from tests.factories import make_id_number


def test_a_correct_check_character_is_accepted_and_x_upper_cased():
    # 11010519491231002X is the example number of GB 11643-1999
    assert identity.normalise_id_number("11010519491231002x") == "11010519491231002X"
    generated = make_id_number()
    assert identity.normalise_id_number(f" {generated} ") == generated


@pytest.mark.parametrize("bad", [
    "110105194912310021",   # wrong check character
    "11010519491331002X",   # month 13
    "11010530001231002X",   # born in the future
    "1101051949123100",     # too short
    "01010519491231002X",   # region cannot start with 0
    "",
])
def test_wrong_numbers_are_refused(bad):
    with pytest.raises(APIError) as excinfo:
        identity.normalise_id_number(bad)
    assert excinfo.value.code == "id_number_invalid"


def test_masks_show_only_what_is_needed():
    assert identity.mask_id_number("330106199001011234") == "3301**********1234"
    assert identity.mask_name("张三") == "张*"
    assert identity.mask_name("欧阳娜娜") == "欧***"
    assert identity.mask_name("李") == "李*"
    assert identity.mask_phone("13812345678") == "138****5678"


def test_encryption_round_trips_and_hides_the_number(ctx):
    number = make_id_number()
    token = identity.encrypt_id_number(number)
    assert number not in token
    assert identity.decrypt_id_number(token) == number
    assert identity.encrypt_id_number(number) != token  # randomised: equal numbers do not look equal
    assert identity.id_number_digest(number) == identity.id_number_digest(number)


def test_a_separate_data_key_can_be_configured(app_env):
    from cryptography.fernet import Fernet

    from app import create_app
    from config import ConfigError, load_settings

    key = Fernet.generate_key().decode()
    app = create_app(env=dict(app_env, DATA_ENCRYPTION_KEY=key))
    with app.app_context():
        token = identity.encrypt_id_number("11010519491231002X")
    assert Fernet(key.encode()).decrypt(token.encode()) == b"11010519491231002X"
    with pytest.raises(ConfigError):
        load_settings({"DATA_ENCRYPTION_KEY": "not-a-key"})
