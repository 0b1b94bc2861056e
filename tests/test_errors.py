"""Errors say where: sheet and cell, or sheet and row; they survive a trip to a worker."""

import pickle

from xlperf.errors import InputError, InputErrors, Problem


def test_location_formats():
    error = InputError('weight is "abc", expected a percentage', field="weight")
    assert str(error) == 'weight is "abc", expected a percentage'
    assert str(error.at("Indicators", "F12")) == ('Indicators!F12: weight is "abc", expected '
                                                  'a percentage')
    assert str(error.at("Indicators", row=12)) == ('Indicators row 12: weight is "abc", '
                                                   'expected a percentage')
    assert error.at("Indicators", "F12").field == "weight"


def test_pickles_with_location():
    error = InputErrors([InputError("bad", sheet="Config", cell="B3", field="x")])
    back = pickle.loads(pickle.dumps(error))
    assert str(back.errors[0]) == "Config!B3: bad" and back.errors[0].field == "x"


def test_problem_from_error():
    problem = Problem.from_error(InputError("bad", sheet="OKR", cell="C4"), executive="E001")
    assert str(problem) == "OKR!C4: bad" and problem.executive == "E001"
