def test_county_total_of_reference_data(users):
    from municipalities.selectors import county_total

    assert county_total() == 2_344_124
