// Generated from the zod schemas of src/facts by test/generated-checks.test.ts (npm run generate:checks).
// Do not edit: change the schemas, then regenerate. What the fast validation path compiles (see check-def.ts).
import type { CheckDef } from '../facts/check-def.js';
import type { QuestionKind } from '../facts/constants.js';

export const questionChecks: Readonly<Record<QuestionKind, CheckDef | null>> = {
  "disclosure": {
    "type": "object",
    "strict": true,
    "shape": {
      "question": {
        "type": "enum",
        "values": [
          "disclosure"
        ]
      },
      "asOf": {
        "type": "optional",
        "inner": {
          "type": "string",
          "checks": [
            {
              "check": "date"
            }
          ]
        }
      },
      "actor": {
        "type": "object",
        "strict": true,
        "shape": {
          "role": {
            "type": "enum",
            "values": [
              "adviser",
              "advice-lead",
              "advice-manager",
              "chief-executive",
              "senior-management",
              "appointed-manager",
              "dpo",
              "advice-support-staff",
              "upsu-staff",
              "university-staff",
              "pms",
              "membership-body",
              "quality-auditor",
              "client",
              "third-party"
            ]
          },
          "name": {
            "type": "optional",
            "inner": {
              "type": "string",
              "checks": [
                {
                  "check": "max-length",
                  "value": 200
                }
              ]
            }
          },
          "involvedInCase": {
            "type": "optional",
            "inner": {
              "type": "boolean"
            }
          },
          "appointedByUpsu": {
            "type": "optional",
            "inner": {
              "type": "boolean"
            }
          }
        }
      },
      "recipient": {
        "type": "object",
        "strict": true,
        "shape": {
          "role": {
            "type": "enum",
            "values": [
              "adviser",
              "advice-lead",
              "advice-manager",
              "chief-executive",
              "senior-management",
              "appointed-manager",
              "dpo",
              "advice-support-staff",
              "upsu-staff",
              "university-staff",
              "pms",
              "membership-body",
              "quality-auditor",
              "client",
              "third-party"
            ]
          },
          "name": {
            "type": "optional",
            "inner": {
              "type": "string",
              "checks": [
                {
                  "check": "max-length",
                  "value": 200
                }
              ]
            }
          },
          "involvedInCase": {
            "type": "optional",
            "inner": {
              "type": "boolean"
            }
          },
          "appointedByUpsu": {
            "type": "optional",
            "inner": {
              "type": "boolean"
            }
          }
        }
      },
      "information": {
        "type": "object",
        "strict": true,
        "shape": {
          "kind": {
            "type": "enum",
            "values": [
              "case-record",
              "presence",
              "service-use",
              "statistics"
            ]
          },
          "identifiable": {
            "type": "boolean"
          }
        }
      },
      "purpose": {
        "type": "optional",
        "inner": {
          "type": "enum",
          "values": [
            "case-management",
            "quality-assurance",
            "statistics",
            "third-party-action",
            "other"
          ]
        }
      },
      "consent": {
        "type": "optional",
        "inner": {
          "type": "object",
          "strict": true,
          "shape": {
            "given": {
              "type": "boolean"
            },
            "method": {
              "type": "optional",
              "inner": {
                "type": "enum",
                "values": [
                  "consent-to-share",
                  "email",
                  "verbal"
                ]
              }
            },
            "recorded": {
              "type": "optional",
              "inner": {
                "type": "boolean"
              }
            }
          }
        }
      },
      "clientObjectsToStaffSharing": {
        "type": "optional",
        "inner": {
          "type": "boolean"
        }
      },
      "breach": {
        "type": "optional",
        "inner": {
          "type": "object",
          "strict": true,
          "shape": {
            "ground": {
              "type": "enum",
              "values": [
                "harm",
                "conflict-of-interest",
                "legal-duty",
                "other"
              ]
            },
            "authorisation": {
              "type": "optional",
              "inner": {
                "type": "object",
                "strict": true,
                "shape": {
                  "decidedBy": {
                    "type": "enum",
                    "values": [
                      "adviser",
                      "advice-lead",
                      "advice-manager",
                      "chief-executive",
                      "senior-management",
                      "appointed-manager",
                      "dpo",
                      "advice-support-staff",
                      "upsu-staff",
                      "university-staff",
                      "pms",
                      "membership-body",
                      "quality-auditor",
                      "client",
                      "third-party"
                    ]
                  },
                  "agreed": {
                    "type": "boolean"
                  },
                  "writtenRecord": {
                    "type": "optional",
                    "inner": {
                      "type": "boolean"
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  },
  "access": {
    "type": "object",
    "strict": true,
    "shape": {
      "question": {
        "type": "enum",
        "values": [
          "access"
        ]
      },
      "asOf": {
        "type": "optional",
        "inner": {
          "type": "string",
          "checks": [
            {
              "check": "date"
            }
          ]
        }
      },
      "actor": {
        "type": "object",
        "strict": true,
        "shape": {
          "role": {
            "type": "enum",
            "values": [
              "adviser",
              "advice-lead",
              "advice-manager",
              "chief-executive",
              "senior-management",
              "appointed-manager",
              "dpo",
              "advice-support-staff",
              "upsu-staff",
              "university-staff",
              "pms",
              "membership-body",
              "quality-auditor",
              "client",
              "third-party"
            ]
          },
          "name": {
            "type": "optional",
            "inner": {
              "type": "string",
              "checks": [
                {
                  "check": "max-length",
                  "value": 200
                }
              ]
            }
          },
          "involvedInCase": {
            "type": "optional",
            "inner": {
              "type": "boolean"
            }
          },
          "appointedByUpsu": {
            "type": "optional",
            "inner": {
              "type": "boolean"
            }
          }
        }
      },
      "purpose": {
        "type": "optional",
        "inner": {
          "type": "enum",
          "values": [
            "case-management",
            "quality-assurance",
            "statistics",
            "third-party-action",
            "other"
          ]
        }
      },
      "necessary": {
        "type": "optional",
        "inner": {
          "type": "boolean"
        }
      }
    }
  },
  "contact": {
    "type": "object",
    "strict": true,
    "shape": {
      "question": {
        "type": "enum",
        "values": [
          "contact"
        ]
      },
      "asOf": {
        "type": "optional",
        "inner": {
          "type": "string",
          "checks": [
            {
              "check": "date"
            }
          ]
        }
      },
      "channel": {
        "type": "enum",
        "values": [
          "phone",
          "email",
          "post"
        ]
      },
      "situation": {
        "type": "optional",
        "inner": {
          "type": "enum",
          "values": [
            "direct",
            "message",
            "answered-by-other"
          ]
        }
      },
      "clientPreferences": {
        "type": "optional",
        "inner": {
          "type": "object",
          "strict": true,
          "shape": {
            "unacceptable": {
              "type": "optional",
              "inner": {
                "type": "array",
                "maxLength": 3,
                "element": {
                  "type": "enum",
                  "values": [
                    "phone",
                    "email",
                    "post"
                  ]
                }
              }
            },
            "serviceMayBeNamed": {
              "type": "optional",
              "inner": {
                "type": "boolean"
              }
            }
          }
        }
      }
    }
  },
  "recording": {
    "type": "object",
    "strict": true,
    "shape": {
      "question": {
        "type": "enum",
        "values": [
          "recording"
        ]
      },
      "asOf": {
        "type": "optional",
        "inner": {
          "type": "string",
          "checks": [
            {
              "check": "date"
            }
          ]
        }
      },
      "consentToRecord": {
        "type": "boolean"
      },
      "relevant": {
        "type": "boolean"
      }
    }
  },
  "statistics-release": {
    "type": "object",
    "strict": true,
    "shape": {
      "question": {
        "type": "enum",
        "values": [
          "statistics-release"
        ]
      },
      "asOf": {
        "type": "optional",
        "inner": {
          "type": "string",
          "checks": [
            {
              "check": "date"
            }
          ]
        }
      },
      "actor": {
        "type": "object",
        "strict": true,
        "shape": {
          "role": {
            "type": "enum",
            "values": [
              "adviser",
              "advice-lead",
              "advice-manager",
              "chief-executive",
              "senior-management",
              "appointed-manager",
              "dpo",
              "advice-support-staff",
              "upsu-staff",
              "university-staff",
              "pms",
              "membership-body",
              "quality-auditor",
              "client",
              "third-party"
            ]
          },
          "name": {
            "type": "optional",
            "inner": {
              "type": "string",
              "checks": [
                {
                  "check": "max-length",
                  "value": 200
                }
              ]
            }
          },
          "involvedInCase": {
            "type": "optional",
            "inner": {
              "type": "boolean"
            }
          },
          "appointedByUpsu": {
            "type": "optional",
            "inner": {
              "type": "boolean"
            }
          }
        }
      },
      "recipient": {
        "type": "object",
        "strict": true,
        "shape": {
          "role": {
            "type": "enum",
            "values": [
              "adviser",
              "advice-lead",
              "advice-manager",
              "chief-executive",
              "senior-management",
              "appointed-manager",
              "dpo",
              "advice-support-staff",
              "upsu-staff",
              "university-staff",
              "pms",
              "membership-body",
              "quality-auditor",
              "client",
              "third-party"
            ]
          },
          "name": {
            "type": "optional",
            "inner": {
              "type": "string",
              "checks": [
                {
                  "check": "max-length",
                  "value": 200
                }
              ]
            }
          },
          "involvedInCase": {
            "type": "optional",
            "inner": {
              "type": "boolean"
            }
          },
          "appointedByUpsu": {
            "type": "optional",
            "inner": {
              "type": "boolean"
            }
          }
        }
      },
      "fields": {
        "type": "array",
        "maxLength": 1000,
        "element": {
          "type": "string",
          "checks": [
            {
              "check": "max-length",
              "value": 200
            }
          ]
        }
      },
      "smallestCount": {
        "type": "optional",
        "inner": {
          "type": "number",
          "checks": [
            {
              "check": "safe-int"
            },
            {
              "check": "greater-than",
              "value": 0,
              "inclusive": true
            }
          ]
        }
      }
    }
  },
  "subject-access": {
    "type": "object",
    "strict": true,
    "shape": {
      "question": {
        "type": "enum",
        "values": [
          "subject-access"
        ]
      },
      "asOf": {
        "type": "optional",
        "inner": {
          "type": "string",
          "checks": [
            {
              "check": "date"
            }
          ]
        }
      },
      "request": {
        "type": "object",
        "strict": true,
        "shape": {
          "inWriting": {
            "type": "boolean"
          },
          "addressedTo": {
            "type": "enum",
            "values": [
              "adviser",
              "advice-lead",
              "advice-manager",
              "chief-executive",
              "senior-management",
              "appointed-manager",
              "dpo",
              "advice-support-staff",
              "upsu-staff",
              "university-staff",
              "pms",
              "membership-body",
              "quality-auditor",
              "client",
              "third-party"
            ]
          },
          "feePaid": {
            "type": "boolean"
          },
          "identityVerified": {
            "type": "boolean"
          },
          "receivedOn": {
            "type": "optional",
            "inner": {
              "type": "string",
              "checks": [
                {
                  "check": "date"
                }
              ]
            }
          }
        }
      }
    }
  },
  "retention": {
    "type": "object",
    "strict": true,
    "shape": {
      "question": {
        "type": "enum",
        "values": [
          "retention"
        ]
      },
      "asOf": {
        "type": "optional",
        "inner": {
          "type": "string",
          "checks": [
            {
              "check": "date"
            }
          ]
        }
      },
      "client": {
        "type": "object",
        "strict": true,
        "shape": {
          "degreeStatus": {
            "type": "enum",
            "values": [
              "studying",
              "completed",
              "withdrawn",
              "unknown"
            ]
          },
          "degreeCompletedOn": {
            "type": "optional",
            "inner": {
              "type": "string",
              "checks": [
                {
                  "check": "date"
                }
              ]
            }
          }
        }
      }
    }
  },
  "breach": {
    "type": "object",
    "strict": true,
    "shape": {
      "question": {
        "type": "enum",
        "values": [
          "breach"
        ]
      },
      "asOf": {
        "type": "optional",
        "inner": {
          "type": "string",
          "checks": [
            {
              "check": "date"
            }
          ]
        }
      },
      "raisedBy": {
        "type": "enum",
        "values": [
          "adviser",
          "advice-lead",
          "advice-manager",
          "chief-executive",
          "senior-management",
          "appointed-manager",
          "dpo",
          "advice-support-staff",
          "upsu-staff",
          "university-staff",
          "pms",
          "membership-body",
          "quality-auditor",
          "client",
          "third-party"
        ]
      },
      "ground": {
        "type": "enum",
        "values": [
          "harm",
          "conflict-of-interest",
          "legal-duty",
          "other"
        ]
      },
      "steps": {
        "type": "array",
        "maxLength": 1000,
        "element": {
          "type": "union",
          "key": "step",
          "options": [
            {
              "type": "object",
              "strict": true,
              "shape": {
                "step": {
                  "type": "enum",
                  "values": [
                    "raised"
                  ]
                },
                "with": {
                  "type": "enum",
                  "values": [
                    "adviser",
                    "advice-lead",
                    "advice-manager",
                    "chief-executive",
                    "senior-management",
                    "appointed-manager",
                    "dpo",
                    "advice-support-staff",
                    "upsu-staff",
                    "university-staff",
                    "pms",
                    "membership-body",
                    "quality-auditor",
                    "client",
                    "third-party"
                  ]
                },
                "on": {
                  "type": "optional",
                  "inner": {
                    "type": "string",
                    "checks": [
                      {
                        "check": "date"
                      }
                    ]
                  }
                }
              }
            },
            {
              "type": "object",
              "strict": true,
              "shape": {
                "step": {
                  "type": "enum",
                  "values": [
                    "discussed"
                  ]
                },
                "recordedInCaseNotes": {
                  "type": "boolean"
                },
                "on": {
                  "type": "optional",
                  "inner": {
                    "type": "string",
                    "checks": [
                      {
                        "check": "date"
                      }
                    ]
                  }
                }
              }
            },
            {
              "type": "object",
              "strict": true,
              "shape": {
                "step": {
                  "type": "enum",
                  "values": [
                    "decided"
                  ]
                },
                "by": {
                  "type": "enum",
                  "values": [
                    "adviser",
                    "advice-lead",
                    "advice-manager",
                    "chief-executive",
                    "senior-management",
                    "appointed-manager",
                    "dpo",
                    "advice-support-staff",
                    "upsu-staff",
                    "university-staff",
                    "pms",
                    "membership-body",
                    "quality-auditor",
                    "client",
                    "third-party"
                  ]
                },
                "agreed": {
                  "type": "boolean"
                },
                "writtenRecord": {
                  "type": "optional",
                  "inner": {
                    "type": "boolean"
                  }
                },
                "on": {
                  "type": "optional",
                  "inner": {
                    "type": "string",
                    "checks": [
                      {
                        "check": "date"
                      }
                    ]
                  }
                }
              }
            },
            {
              "type": "object",
              "strict": true,
              "shape": {
                "step": {
                  "type": "enum",
                  "values": [
                    "recorded"
                  ]
                },
                "on": {
                  "type": "optional",
                  "inner": {
                    "type": "string",
                    "checks": [
                      {
                        "check": "date"
                      }
                    ]
                  }
                }
              }
            },
            {
              "type": "object",
              "strict": true,
              "shape": {
                "step": {
                  "type": "enum",
                  "values": [
                    "disclosed"
                  ]
                },
                "on": {
                  "type": "optional",
                  "inner": {
                    "type": "string",
                    "checks": [
                      {
                        "check": "date"
                      }
                    ]
                  }
                }
              }
            }
          ]
        }
      }
    }
  },
  "policy-review": {
    "type": "object",
    "strict": true,
    "shape": {
      "question": {
        "type": "enum",
        "values": [
          "policy-review"
        ]
      },
      "asOf": {
        "type": "optional",
        "inner": {
          "type": "string",
          "checks": [
            {
              "check": "date"
            }
          ]
        }
      },
      "lastReviewedOn": {
        "type": "string",
        "checks": [
          {
            "check": "date"
          }
        ]
      },
      "agreedBy": {
        "type": "array",
        "maxLength": 50,
        "element": {
          "type": "enum",
          "values": [
            "adviser",
            "advice-lead",
            "advice-manager",
            "chief-executive",
            "senior-management",
            "appointed-manager",
            "dpo",
            "advice-support-staff",
            "upsu-staff",
            "university-staff",
            "pms",
            "membership-body",
            "quality-auditor",
            "client",
            "third-party"
          ]
        }
      }
    }
  },
  "staff-readiness": {
    "type": "object",
    "strict": true,
    "shape": {
      "question": {
        "type": "enum",
        "values": [
          "staff-readiness"
        ]
      },
      "asOf": {
        "type": "optional",
        "inner": {
          "type": "string",
          "checks": [
            {
              "check": "date"
            }
          ]
        }
      },
      "staff": {
        "type": "object",
        "strict": true,
        "shape": {
          "role": {
            "type": "enum",
            "values": [
              "adviser",
              "advice-lead",
              "advice-manager",
              "chief-executive",
              "senior-management",
              "appointed-manager",
              "dpo",
              "advice-support-staff",
              "upsu-staff",
              "university-staff",
              "pms",
              "membership-body",
              "quality-auditor",
              "client",
              "third-party"
            ]
          },
          "name": {
            "type": "optional",
            "inner": {
              "type": "string",
              "checks": [
                {
                  "check": "max-length",
                  "value": 200
                }
              ]
            }
          },
          "involvedInCase": {
            "type": "optional",
            "inner": {
              "type": "boolean"
            }
          },
          "appointedByUpsu": {
            "type": "optional",
            "inner": {
              "type": "boolean"
            }
          }
        }
      },
      "newStarter": {
        "type": "optional",
        "inner": {
          "type": "boolean"
        }
      },
      "receivedPolicyCopy": {
        "type": "boolean"
      },
      "trainedAtInduction": {
        "type": "optional",
        "inner": {
          "type": "boolean"
        }
      },
      "confidentialityAgreement": {
        "type": "optional",
        "inner": {
          "type": "enum",
          "values": [
            "signed",
            "requested-not-signed",
            "not-requested"
          ]
        }
      }
    }
  },
  "storage": {
    "type": "object",
    "strict": true,
    "shape": {
      "question": {
        "type": "enum",
        "values": [
          "storage"
        ]
      },
      "asOf": {
        "type": "optional",
        "inner": {
          "type": "string",
          "checks": [
            {
              "check": "date"
            }
          ]
        }
      },
      "electronic": {
        "type": "optional",
        "inner": {
          "type": "object",
          "strict": true,
          "shape": {
            "passwordProtected": {
              "type": "boolean"
            },
            "loginShared": {
              "type": "boolean"
            },
            "loggedOffWhenNotInUse": {
              "type": "boolean"
            }
          }
        }
      },
      "paper": {
        "type": "optional",
        "inner": {
          "type": "object",
          "strict": true,
          "shape": {
            "inUse": {
              "type": "optional",
              "inner": {
                "type": "boolean"
              }
            },
            "inLockedCabinet": {
              "type": "boolean"
            },
            "keysOutOfPublicView": {
              "type": "boolean"
            }
          }
        }
      }
    }
  }
};
