"""The assessment frameworks as data: ids, English labels and explanations, thresholds.

Ids are the public names of ``shared/spec/answers-format.md``. Every English
string here is a gettext msgid: ``babel_extract.py`` hands them all to Babel,
and ``report.py`` translates them for the report's locale. Nothing here formats,
scores or translates.

Sources: the Vietnamese chapter (validation, competitive advantages,
monetization, international expansion, case study, critical success factors),
the success-pattern study (seven patterns) and the business-model article
(eleven models with their challenges and scaling solutions).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Item:
    """A scored or checked line of a framework."""

    id: str
    label: str
    explanation: str = ""


@dataclass(frozen=True)
class Group:
    """A titled group of items: a validation dimension, an advantage type, a checklist."""

    id: str
    label: str
    explanation: str
    items: tuple[Item, ...]

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.items)


@dataclass(frozen=True)
class Band:
    """A band or tier: the lowest score that reaches it, its label and what it means."""

    id: str
    minimum: Decimal | None  # None: everything below the previous band
    label: str
    meaning: str


# --- 1. Business model validation ("Khung Xác Thực Mô Hình Kinh Doanh Toàn Diện") ---

CRITERION_MIN = Decimal(0)
CRITERION_MAX = Decimal(10)
DIMENSION_MAX = Decimal(40)
VALIDATION_MAX = Decimal(160)

DIMENSIONS: tuple[Group, ...] = (
    Group(
        "market",
        "Market validation",
        "Is there a real, sizeable problem that customers will pay to solve?",
        (
            Item("customer_problem", "Customer problem clearly identified and validated"),
            Item("market_size", "Target market size and growth potential quantified"),
            Item("acquisition_strategy", "Customer acquisition strategy tested and validated"),
            Item("differentiation", "Competitive differentiation clearly articulated"),
        ),
    ),
    Group(
        "technology",
        "Technology validation",
        "Can the team build and scale the AI the model depends on?",
        (
            Item("core_ai_proven", "Core AI technology proven and scalable"),
            Item("data_requirements", "Data requirements identified and accessible"),
            Item("team_capability", "Technical team capability matches the requirements"),
            Item("ip_strategy", "Intellectual property strategy defined"),
        ),
    ),
    Group(
        "financial",
        "Financial validation",
        "Does the money work, now and at scale?",
        (
            Item("revenue_model_tested", "Revenue model tested with real customers"),
            Item("unit_economics", "Unit economics positive and scalable"),
            Item("funding_identified", "Funding requirements and sources identified"),
            Item("projections_realistic", "Financial projections realistic and achievable"),
        ),
    ),
    Group(
        "operational",
        "Operational validation",
        "Can the organisation deliver the model day after day?",
        (
            Item("processes_designed", "Operational processes designed and tested"),
            Item("team_structure", "Team structure and hiring plan defined"),
            Item("partnerships", "Partnership strategy and key relationships identified"),
            Item("risk_mitigation", "Risk mitigation strategy developed"),
        ),
    ),
)

# Total bands ("Diễn Giải Chấm Điểm"); a total of 139.5 has not reached 140, so it is good.
TOTAL_BANDS: tuple[Band, ...] = (
    Band("excellent", Decimal(140), "Excellent", "Ready for aggressive scaling"),
    Band("good", Decimal(120), "Good", "Minor adjustments needed before scaling"),
    Band("fair", Decimal(100), "Fair", "Significant improvement needed"),
    Band("poor", None, "Poor", "Major business model revision needed"),
)

# Dimension bands: the same fractions of 40 as the total bands are of 160.
DIMENSION_BANDS: tuple[Band, ...] = (
    Band("excellent", Decimal(35), "Excellent", "A strength to build the scaling plan on"),
    Band("good", Decimal(30), "Good", "Sound, with gaps to close before scaling"),
    Band("fair", Decimal(25), "Fair", "Needs focused work"),
    Band("poor", None, "Poor", "A weakness that puts the model at risk"),
)

# --- 2. Competitive advantages ("Khung Đánh Giá Lợi Thế Cạnh Tranh") ---

ADVANTAGE_ITEM_MIN = Decimal(1)
ADVANTAGE_ITEM_MAX = Decimal(10)


@dataclass(frozen=True)
class AdvantageType(Group):
    risk: str = ""  # the seed's risk for this kind of advantage


ADVANTAGE_TYPES: tuple[AdvantageType, ...] = (
    AdvantageType(
        "data_network_effects",
        "Data network effects",
        "Advantages that grow as more users contribute data.",
        (
            Item(
                "user_generated_value",
                "User-generated data value",
                "Does one user's data improve the product for others?",
            ),
            Item(
                "data_quality_improvement",
                "Data quality improvement over time",
                "Does more data give better results?",
            ),
            Item(
                "data_exclusivity",
                "Data exclusivity",
                "Is the data unique and hard to copy?",
            ),
            Item(
                "network_effect_strength",
                "Network effect strength",
                "Do more users create disproportionately more value?",
            ),
        ),
        risk="Data commoditisation or regulatory restrictions",
    ),
    AdvantageType(
        "technology_differentiation",
        "Technology differentiation",
        "Advantages that come from building better technology, faster.",
        (
            Item(
                "innovation_depth",
                "Depth of technical innovation",
                "How advanced is the core technology?",
            ),
            Item(
                "patent_protection",
                "Patent protection",
                "Are the key innovations legally protected?",
            ),
            Item(
                "development_speed",
                "Development speed",
                "Can the team innovate faster than competitors?",
            ),
            Item(
                "talent_density",
                "Technical talent density",
                "Does the company have the strongest technical team?",
            ),
        ),
        risk="Competing innovation or open-source alternatives",
    ),
    AdvantageType(
        "customer_relationship",
        "Customer relationship advantages",
        "Advantages earned through service quality and workflow integration.",
        (
            Item(
                "switching_costs",
                "Switching costs",
                "How costly or difficult is it to change provider?",
            ),
            Item(
                "workflow_integration",
                "Workflow integration",
                "How deeply is the product built into customers' processes?",
            ),
            Item(
                "customer_success_investment",
                "Customer success investment",
                "How much is invested in customers' outcomes?",
            ),
            Item(
                "brand_trust",
                "Brand trust and reputation",
                "Do customers trust the company with critical workloads?",
            ),
        ),
        risk="Customer consolidation or changing requirements",
    ),
    AdvantageType(
        "ecosystem_integration",
        "Ecosystem integration",
        "Advantages that come from partners and platforms building around the company.",
        (
            Item(
                "partner_network",
                "Partner network strength",
                "How many valuable partnerships does the company have?",
            ),
            Item(
                "platform_integration_depth",
                "Platform integration depth",
                "How well is the product integrated with the major platforms?",
            ),
            Item(
                "developer_ecosystem",
                "Developer ecosystem",
                "Do developers build on the company's platform?",
            ),
            Item(
                "market_position",
                "Market position",
                "Is the company indispensable to its ecosystem?",
            ),
        ),
        risk="Platform changes or competing ecosystems",
    ),
)

# Sustainability tiers ("Phân Tích Tính Bền Vững Lợi Thế") on the rounded type score.
SUSTAINABILITY_TIERS: tuple[Band, ...] = (
    Band(
        "high",
        Decimal(7),
        "High sustainability",
        "Network effects, proprietary data, deep customer integration",
    ),
    Band(
        "medium",
        Decimal(4),
        "Medium sustainability",
        "Technology differentiation, brand recognition, partnerships",
    ),
    Band(
        "low",
        None,
        "Low sustainability",
        "Price competition, feature parity, marketing advantages",
    ),
)

# The seed: the most successful companies build several kinds of advantage at once.
# Layered means at least this many types reach the high tier.
LAYERED_MIN_HIGH_TYPES = 2

# --- 3. Business models, positioning and success patterns ---

POSITIONINGS: tuple[Item, ...] = (
    Item(
        "platform",
        "Platform",
        "Value grows with a community and an ecosystem; expect to put 30-40 percent of "
        "resources into community, developer relations and ecosystem management.",
    ),
    Item(
        "product",
        "Product",
        "A controlled, consistent experience for a focused use case; faster early growth "
        "and a clearer offer, but durable advantages are harder to build without "
        "network effects.",
    ),
    Item(
        "hybrid",
        "Hybrid",
        "A product offer alongside platform elements; each part needs its own "
        "capabilities, resources and success metrics.",
    ),
)


@dataclass(frozen=True)
class Challenge:
    challenge: str
    solution: str


@dataclass(frozen=True)
class BusinessModel:
    id: str
    label: str
    fit: str  # when this model suits a product, with the article's example
    challenges: tuple[Challenge, ...]


BUSINESS_MODELS: tuple[BusinessModel, ...] = (
    BusinessModel(
        "api_access",
        "API access",
        "For developers and platforms that build AI capabilities into their own "
        "products (for example, the OpenAI API).",
        (
            Challenge(
                "Infrastructure costs climb as API usage grows.",
                "Cut compute and hosting costs (spot capacity, for instance) and add "
                "pricing tiers that capture value from heavy users.",
            ),
            Challenge(
                "APIs become commodities and prices fall in a price war.",
                "Stand out with capabilities others lack, such as faster responses or "
                "specialised models.",
            ),
            Challenge(
                "Too much revenue depends on a few large enterprise clients.",
                "Use usage-based pricing to win many smaller businesses as well.",
            ),
        ),
    ),
    BusinessModel(
        "subscription_saas",
        "Subscription SaaS",
        "For recurring access to software features (for example, Jasper AI).",
        (
            Challenge(
                "Customer acquisition is expensive in a crowded SaaS market.",
                "Shorten onboarding so trial users convert sooner, and invest in customer "
                "success to raise retention and upsells.",
            ),
            Challenge(
                "Free tiers that feel thin drive churn.",
                "Keep adding state-of-the-art AI features that users notice.",
            ),
            Challenge(
                "Growing abroad is hard without localisation.",
                "Support several languages and meet each region's compliance rules.",
            ),
        ),
    ),
    BusinessModel(
        "enterprise_licensing",
        "Enterprise licensing",
        "For customisable, private AI deployments (for example, Harvey AI).",
        (
            Challenge(
                "Enterprise procurement makes sales cycles long.",
                "Hire enterprise sellers with a proven B2B record.",
            ),
            Challenge(
                "A handful of clients carry most of the revenue.",
                "Spread across industries and go after mid-market companies too.",
            ),
            Challenge(
                "On-premise deployments raise security and compliance concerns.",
                "Offer hybrid deployments that combine on-premise and cloud.",
            ),
        ),
    ),
    BusinessModel(
        "custom_development",
        "Custom AI development",
        "For bespoke AI solutions in niche industries (for example, Deloitte AI).",
        (
            Challenge(
                "Labour-intensive custom work scales poorly.",
                "Build modular, reusable frameworks that shorten each new project.",
            ),
            Challenge(
                "Client-specific data limits reuse across industries.",
                "Standardise workflows so that less depends on one client's data.",
            ),
            Challenge(
                "One-off projects make lasting revenue hard to keep.",
                "Move clients to subscriptions for ongoing model updates and support.",
            ),
        ),
    ),
    BusinessModel(
        "token_based",
        "Token-based model",
        "For decentralised or blockchain-based AI products (for example, Ocean Protocol).",
        (
            Challenge(
                "Blockchain and cryptocurrency rules are uncertain.",
                "Keep up with changing regulation, including KYC and AML checks.",
            ),
            Challenge(
                "Token price swings make revenue unpredictable.",
                "Use stablecoins or dynamic token pricing.",
            ),
            Challenge(
                "Non-technical users find the technology hard to adopt.",
                "Simplify the interface so a wider audience can use it.",
            ),
        ),
    ),
    BusinessModel(
        "marketplace",
        "AI-powered marketplace",
        "For platforms that match buyers and sellers with AI (for example, Upwork).",
        (
            Challenge(
                "A new marketplace struggles to gather enough buyers and sellers.",
                "Attract early adopters with incentives such as lower fees or promotions.",
            ),
            Challenge(
                "Growth depends heavily on network effects.",
                "Partner with established platforms to speed up growth.",
            ),
            Challenge(
                "Users must trust each other, and fraud is a risk.",
                "Verify participants rigorously and detect fraud with AI.",
            ),
        ),
    ),
    BusinessModel(
        "data_monetization",
        "Data monetisation",
        "For products built on proprietary datasets (for example, Palantir).",
        (
            Challenge(
                "Privacy concerns and regulation (GDPR, CCPA) constrain the business.",
                "Anonymise datasets and obtain compliance certifications that reassure customers.",
            ),
            Challenge(
                "Open data sources compete for the same buyers.",
                "Build proprietary, high-quality datasets with value no one else offers.",
            ),
            Challenge(
                "Data must stay consistent in quality and relevant.",
                "Refresh datasets continuously and enrich them with AI-derived insight.",
            ),
        ),
    ),
    BusinessModel(
        "ad_supported",
        "Ad-supported AI platform",
        "For free consumer products paid for by advertising (for example, TikTok).",
        (
            Challenge(
                "Too many ads hurt the experience and retention.",
                "Offer an optional ad-free premium tier for power users.",
            ),
            Challenge(
                "Privacy rules and tracking limits (cookie bans, iOS changes) weaken targeting.",
                "Target by context rather than by personal tracking.",
            ),
            Challenge(
                "Revenue rises and falls with advertisers' budgets.",
                "Add in-app purchases or subscription tiers.",
            ),
        ),
    ),
    BusinessModel(
        "infrastructure",
        "AI infrastructure (IaaS)",
        "For compute- and storage-heavy services (for example, Nvidia or AWS SageMaker).",
        (
            Challenge(
                "GPUs and storage need a large upfront investment.",
                "Share costs through partnerships with hyperscalers such as AWS or Azure.",
            ),
            Challenge(
                "Cloud giants offer similar services at scale.",
                "Differentiate with specialised tooling, such as GPUs tuned for AI workloads.",
            ),
            Challenge(
                "Energy use draws sustainability pressure.",
                "Invest in renewable energy and efficient hardware.",
            ),
        ),
    ),
    BusinessModel(
        "platform_paas",
        "End-to-end AI platform (AI PaaS)",
        "For integrated model-building platforms (for example, Google Vertex AI).",
        (
            Challenge(
                "A fully integrated platform is complex to build.",
                "Start with the core features and grow them as users ask.",
            ),
            Challenge(
                "Onboarding and training users is costly to support.",
                "Provide strong self-service tools and tutorials.",
            ),
            Challenge(
                "Breadth of features competes with ease of use.",
                "Design in modules, so users pay only for what they use.",
            ),
        ),
    ),
    BusinessModel(
        "generative_saas",
        "Generative AI SaaS",
        "For vertical AI tools built on generative models (for example, Suki AI in healthcare).",
        (
            Challenge(
                "Running generative models at scale is compute-hungry.",
                "Optimise the model architecture to need less compute.",
            ),
            Challenge(
                "Free and open-source alternatives threaten to commoditise the offer.",
                "Stand out through better fine-tuning, integrations or APIs.",
            ),
            Challenge(
                "Generated content raises ethical and copyright questions.",
                "Set clear licensing terms and filters that prevent misuse.",
            ),
        ),
    ),
)


@dataclass(frozen=True)
class Phase:
    label: str
    period: str  # "" when the pattern names no period
    actions: tuple[str, ...]


@dataclass(frozen=True)
class Pattern:
    id: str
    label: str
    exemplar: str  # the company whose case defines the pattern (a proper name)
    family: str  # platform | api | community | hybrid (the study's groups)
    phases: tuple[Phase, ...]
    metrics: tuple[str, ...]
    success_factors: tuple[str, ...]


PATTERN_FAMILIES: tuple[Item, ...] = (
    Item("platform", "Platform pattern", "Community building, network effects, ecosystem."),
    Item("api", "API pattern", "Developer experience, usage-based pricing, reliability."),
    Item("community", "Community pattern", "User engagement, viral mechanics, community care."),
    Item("hybrid", "Hybrid pattern", "Strategic positioning, research credibility, enterprise."),
)

PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "community_platform",
        "Community-first platform development",
        "Hugging Face",
        "platform",
        (
            Phase(
                "Community building",
                "Years 1-3",
                (
                    "Open-source foundation that delivers value for free",
                    "Developer tools with an outstanding user experience",
                    "Ways to contribute, and recognition for contributors",
                    "Network effects from user-contributed content",
                ),
            ),
            Phase(
                "Platform expansion",
                "Years 3-5",
                (
                    "Scale the infrastructure and tune performance",
                    "Find the first enterprise customers and commercial offers",
                    "Support third-party integrations and grow the ecosystem",
                    "Refine the value proposition from community feedback",
                ),
            ),
            Phase(
                "Enterprise monetisation",
                "Years 5+",
                (
                    "Commercial layers that keep the community's value intact",
                    "Enterprise hosting and custom deployments",
                    "Professional services and consulting revenue",
                    "Monetisation that does not alienate the community",
                ),
            ),
        ),
        (
            "300 percent year-over-year revenue growth (2023-2024)",
            "100,000+ models hosted and 1M+ monthly active developers",
            "500+ enterprise clients and a $4.5B valuation",
            "Revenue: 60 percent licensing, 25 percent hosting, 10 percent services, 5 percent premium features",
        ),
        (
            "Preserve the community's value while adding commercial value",
            "Excellent developer experience: tools and documentation",
            "Network effects: contributions that make the platform sticky",
            "A clear enterprise offer built on security and compliance",
        ),
    ),
    Pattern(
        "open_source_commercial",
        "Open source with commercial balance",
        "Stability AI",
        "platform",
        (
            Phase(
                "Balanced monetisation",
                "",
                (
                    "Free access for startups and small businesses (up to $1M revenue)",
                    "Paid licences for larger organisations and commercial use",
                    "Cloud services and deployment solutions",
                    "Custom development and consulting",
                ),
            ),
        ),
        (
            "45 percent of revenue from commercial licences and enterprise agreements",
            "30 percent from usage-based API access and cloud services",
            "15 percent from custom development and consulting",
            "10 percent from integration partnerships and revenue sharing",
        ),
        (
            "Transparent thresholds for when a commercial licence is required",
            "Open-source benefits kept for smaller users",
            "Premium features and support for commercial customers",
            "Third-party integrations and partnerships",
        ),
    ),
    Pattern(
        "research_to_api",
        "Research-to-API platform evolution",
        "OpenAI",
        "api",
        (
            Phase(
                "Research foundation",
                "Years 1-3",
                (
                    "Fundamental research and breakthrough models",
                    "Academic credibility and thought leadership",
                    "Demonstrated technical excellence",
                    "First products and proofs of concept",
                ),
            ),
            Phase(
                "API platform development",
                "Years 3-5",
                (
                    "A developer-friendly, well-documented API",
                    "Usage-based pricing with a transparent cost structure",
                    "A developer ecosystem and third-party integrations",
                    "Scalable, well-tuned infrastructure",
                ),
            ),
            Phase(
                "Enterprise solutions expansion",
                "Years 5+",
                (
                    "Enterprise-grade features and security compliance",
                    "Custom models and fine-tuning services",
                    "Strategic partnerships and integrations",
                    "A platform ecosystem and marketplace",
                ),
            ),
        ),
        (
            "45 percent year-over-year API revenue growth",
            "2.5 million developers using AI APIs regularly",
            "$50,000 average annual spend per enterprise customer",
            "Usage triples in the first 6 months for paying customers",
        ),
        (
            "Excellent developer experience: documentation, easy integration, reliability",
            "Transparent, predictable pricing aligned with value",
            "Reliable infrastructure at scale, available worldwide",
            "Third-party integrations and a developer community",
        ),
    ),
    Pattern(
        "enterprise_api",
        "Enterprise-focused API strategy",
        "Cohere",
        "api",
        (
            Phase(
                "Enterprise-first API development",
                "",
                (
                    "B2B targeting with an enterprise sales approach",
                    "Specialised models for specific enterprise use cases",
                    "Enterprise-grade security, compliance and data protection",
                    "Consulting and implementation support",
                ),
            ),
        ),
        (
            "92 percent annual retention of enterprise API customers",
            "$125,000 average enterprise contract value",
            "35 percent of revenue from existing customers' expansion",
            "75-85 percent gross margins for established API providers",
        ),
        (
            "A dedicated enterprise sales team and process",
            "Professional services and technical support for implementation",
            "Meeting enterprise security and regulatory requirements",
            "Long-term partnerships beyond transactional API use",
        ),
    ),
    Pattern(
        "community_product",
        "Community-first product development",
        "Midjourney",
        "community",
        (
            Phase(
                "Community-centred product",
                "",
                (
                    "Build the product inside community platforms such as Discord",
                    "Let community creativity drive value and engagement",
                    "Iterate quickly on community feedback and usage",
                    "Grow virally through sharing and word of mouth",
                ),
            ),
        ),
        (
            "Viral adoption through community sharing and word of mouth",
            "Active participation and content creation",
            "Community-driven marketing that lowers acquisition costs",
            "Community feedback that speeds up product improvement",
        ),
        (
            "Use existing community platforms for distribution",
            "Intuitive interfaces for creative expression",
            "Active community management and support",
            "Features that encourage sharing and participation",
        ),
    ),
    Pattern(
        "research_enterprise",
        "Research-driven enterprise positioning",
        "Anthropic",
        "hybrid",
        (
            Phase(
                "Research-to-enterprise strategy",
                "",
                (
                    "Fundamental research on AI safety and capability",
                    "Safety and responsible AI as a competitive advantage",
                    "Tailored solutions for enterprise safety requirements",
                    "Partnerships with enterprise customers and technology providers",
                ),
            ),
        ),
        (
            "Premium prices, often 20-30 percent above comparable services",
            "Enterprise licences from $125,000 to over $1 million a year",
        ),
        (
            "Research credibility: published work and thought leadership on safety",
            "Clear enterprise benefits from the research-driven approach",
            "Meeting enterprise risk management and compliance needs",
            "Differentiation through responsible AI and safety",
        ),
    ),
    Pattern(
        "data_platform",
        "Data platform with AI services",
        "Scale AI",
        "hybrid",
        (
            Phase(
                "Data and AI platform integration",
                "",
                (
                    "High-quality data collection, annotation and management",
                    "Model training and tuning on the platform's data",
                    "Seamless integration with enterprise data and workflows",
                    "End-to-end AI development and deployment",
                ),
            ),
        ),
        (
            "Labelling accuracy above 99.5%, against an industry norm of 95-97%",
            "Customer retention above 95%",
            "Largest customers' spending up 300 percent on average over three years",
        ),
        (
            "Premium pricing justified by superior data quality",
            "Better model performance from high-quality training data",
            "A strong base of enterprises that need data and AI together",
            "Data quality and AI expertise as a lasting moat",
        ),
    ),
)

# --- 4. Monetization ("Khung Thực Hiện Chiến Lược Kiếm Tiền") ---

REVENUE_STREAMS: tuple[Item, ...] = (
    Item("api", "API"),
    Item("subscription", "Subscription"),
    Item("enterprise", "Enterprise"),
    Item("marketplace", "Marketplace"),
)

MONETIZATION_CHECKS: tuple[Item, ...] = (
    Item(
        "pricing_validated",
        "Pricing strategy validated",
        "Customer interviews and competitive analysis",
    ),
    Item(
        "unit_economics_calculated",
        "Unit economics calculated",
        "Customer acquisition cost against lifetime value",
    ),
)

PRICING_PROCESS = Group(
    "pricing_process",
    "Pricing optimisation process",
    "The routines that keep prices aligned with value.",
    (
        Item(
            "monthly_review", "Monthly pricing review scheduled", "Essential for usage-based models"
        ),
        Item("metrics_tracked", "Key metrics tracked", "Usage, conversion, expansion, churn"),
        Item(
            "adjustment_triggers",
            "Adjustment triggers defined",
            "Usage patterns, competitive changes",
        ),
        Item(
            "quarterly_competitive_analysis",
            "Quarterly competitive pricing analysis",
            "Keeps the market position",
        ),
        Item(
            "customer_feedback",
            "Customer feedback integrated",
            "The customer's voice in pricing decisions",
        ),
        Item("ab_testing", "A/B testing framework", "Data-driven price optimisation"),
        Item(
            "enterprise_pricing",
            "Enterprise pricing strategy",
            "Custom pricing for large customers",
        ),
    ),
)


@dataclass(frozen=True)
class Benchmark:
    id: str
    label: str
    low: Decimal
    high: Decimal
    explanation: str
    unit: str = "percent"  # percent | count: how the values are shown


# The seed's benchmarks; a value on either bound is within the range.
BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark(
        "churn",
        "Monthly churn target",
        Decimal(5),
        Decimal(10),
        "Industry benchmark: 5-10 percent a month for SaaS.",
    ),
    Benchmark(
        "growth",
        "Annual revenue growth target",
        Decimal(100),
        Decimal(300),
        "Typical AI companies grow revenue 100-300 percent a year.",
    ),
    Benchmark(
        "streams",
        "Revenue streams in all",
        Decimal(3),
        Decimal(4),
        "The best-valued companies earn from 3-4 different streams.",
        unit="count",
    ),
    Benchmark(
        "primary_share",
        "Primary stream's share of revenue",
        Decimal(60),
        Decimal(70),
        "The primary stream typically brings 60-70 percent of revenue.",
    ),
)

REVENUE_MIX_TOLERANCE = Decimal("0.5")

# --- 5. International expansion ("Khung Quyết Định Mở Rộng Quốc Tế") ---

MARKET_CRITERION_MIN = Decimal(1)
MARKET_CRITERION_MAX = Decimal(10)
MARKET_MAX = Decimal(50)

MARKET_CRITERIA: tuple[Item, ...] = (
    Item(
        "regulatory_environment",
        "Regulatory environment",
        "Are the regulations friendly to AI?",
    ),
    Item(
        "competitive_landscape",
        "Competitive landscape",
        "How fierce is local competition? (10 = most favourable)",
    ),
    Item("cultural_fit", "Cultural fit", "How well does the product suit local preferences?"),
    Item("market_size", "Market size", "How large is the total addressable market?"),
    Item(
        "entry_cost",
        "Entry cost",
        "How expensive is it to enter the market? (reverse-scored: 10 = most expensive)",
    ),
)
# entry_cost is entered as a cost; its contribution is (ENTRY_COST_REVERSE - entry_cost).
ENTRY_COST_REVERSE = Decimal(11)

REGIONS: tuple[Item, ...] = (
    Item("eu", "European Union"),
    Item("apac", "Asia-Pacific"),
    Item("other", "Other regions"),
)

COMPLIANCE: tuple[Group, ...] = (
    Group(
        "eu",
        "European Union",
        "The regulatory checklist for EU markets.",
        (
            Item("gdpr", "GDPR compliance framework implemented"),
            Item(
                "ai_act_assessment",
                "AI Act risk assessment completed",
                "High-risk AI systems must comply",
            ),
            Item("data_localization", "Data localisation requirements understood"),
            Item("training_data_copyright", "Copyright compliance for AI training data"),
            Item("local_dpo", "Local data protection officer appointed"),
        ),
    ),
    Group(
        "apac",
        "Asia-Pacific",
        "The regulatory checklist for Asia-Pacific markets.",
        (
            Item("data_sovereignty", "Data sovereignty requirements mapped"),
            Item("content_moderation", "Content moderation policies adapted"),
            Item("government_oversight", "Government oversight requirements understood"),
            Item("cultural_sensitivity", "Cultural sensitivity protocols established"),
            Item("local_partner_requirements", "Local partner requirements identified"),
        ),
    ),
)

RISK_TIERS: tuple[Item, ...] = (
    Item("high", "High risk"),
    Item("medium", "Medium risk"),
    Item("low", "Low risk"),
    Item("unassessed", "Not assessed", "No risk factors were listed."),
)
# Most severe first; "unassessed" is not a severity and never wins over a listed factor.
RISK_SEVERITY: tuple[str, ...] = ("high", "medium", "low")


@dataclass(frozen=True)
class RiskFactor:
    id: str
    tier: str
    label: str


RISK_FACTORS: tuple[RiskFactor, ...] = (
    RiskFactor(
        "regulatory_uncertainty", "high", "Regulatory uncertainty or frequent policy changes"
    ),
    RiskFactor(
        "strong_local_competitors",
        "high",
        "Strong local competitors with government relationships",
    ),
    RiskFactor("complex_cultural_adaptation", "high", "Complex cultural adaptation required"),
    RiskFactor(
        "high_acquisition_cost",
        "high",
        "High customer acquisition cost from market fragmentation",
    ),
    RiskFactor(
        "established_international_competitors",
        "medium",
        "International competitors already present",
    ),
    RiskFactor("moderate_localization", "medium", "Moderate localisation requirements"),
    RiskFactor("standard_compliance", "medium", "Standard regulatory compliance process"),
    RiskFactor("predictable_entry_costs", "medium", "Predictable market entry costs"),
    RiskFactor(
        "clear_ai_friendly_regulation",
        "low",
        "Clear regulatory framework with AI-friendly policy",
    ),
    RiskFactor("limited_direct_competition", "low", "Limited direct competition"),
    RiskFactor("cultural_fit_existing_markets", "low", "Cultural fit with existing markets"),
    RiskFactor(
        "established_distribution_channels",
        "low",
        "Established distribution channels available",
    ),
)

ENTRY_STRATEGY: tuple[Item, ...] = (
    Item("direct", "Direct entry planned", "Full control, higher cost"),
    Item("partnership", "Partnership approach", "Shared risk, local expertise"),
)
LOCALIZATION: tuple[Item, ...] = (
    Item("language", "Language"),
    Item("culture", "Culture"),
    Item("features", "Features"),
)
LOCAL_TEAM: tuple[Item, ...] = (
    Item("sales", "Sales"),
    Item("support", "Support"),
    Item("compliance", "Compliance"),
)

# --- 6. The failure case study and its lessons ("Bài Học Rút Ra") ---

CASE_STUDY_TITLE = "Failure case study: an AI startup's international expansion"
CASE_STUDY_SUMMARY = (
    "A translation AI startup did well in English-speaking markets, then expanded into "
    "Asia and Europe at the same time without preparing, and failed in both."
)

FAILURE_FACTORS: tuple[Item, ...] = (
    Item(
        "regulatory_blindness",
        "Regulatory blindness",
        "GDPR requirements were not understood, and the company was fined €2 million.",
    ),
    Item(
        "cultural_mismatch",
        "Cultural mismatch",
        "Translation models trained on Western content performed poorly for local "
        "languages and contexts.",
    ),
    Item(
        "resource_dilution",
        "Resource dilution",
        "Limited resources were spread across too many markets, and none succeeded.",
    ),
    Item(
        "partner_failure",
        "Partner failure",
        "Partners were chosen for enthusiasm rather than market and regulatory expertise.",
    ),
)


@dataclass(frozen=True)
class Lesson:
    id: str
    label: str  # the lesson itself
    rule: str  # the mistake in the answers that makes it apply
    threshold: Decimal | None


LESSONS: tuple[Lesson, ...] = (
    Lesson(
        "focus_markets",
        "Focus on at most 2-3 priority markets in the initial expansion.",
        "Applies when more than 3 markets are planned.",
        Decimal(3),
    ),
    Lesson(
        "preparation_time",
        "Invest 6-12 months in regulatory and cultural preparation before launch.",
        "Applies when the compliance timeline is shorter than 6 months.",
        Decimal(6),
    ),
    Lesson(
        "local_partners",
        "Partner with local experts who understand both the technology and the regulation.",
        "Applies when the entry strategy does not include a partnership.",
        None,
    ),
    Lesson(
        "runway",
        "Keep 18-24 months of funding set aside for the challenges of expanding abroad.",
        "Applies when the runway is shorter than 18 months.",
        Decimal(18),
    ),
)

# --- 7. Critical success factors ("Danh Sách Kiểm Tra Yếu Tố Thành Công Quan Trọng") ---

CRITICAL_SUCCESS_FACTORS: tuple[Item, ...] = (
    Item("clear_value_proposition", "A clear value proposition customers will pay for"),
    Item("sustainable_advantage", "A sustainable competitive advantage identified and built"),
    Item("scalable_architecture", "Scalable technology architecture and team structure"),
    Item("multiple_revenue_streams", "Several revenue streams for diversification and stability"),
    Item("international_strategy", "An international expansion strategy and compliance plan"),
    Item("risk_mitigation", "Risk assessment and mitigation for the major threats"),
)

# --- Lookups ---


def by_id(items):
    """A dict from id to item, for any of the tuples above."""
    return {i.id: i for i in items}


DIMENSION_IDS = tuple(d.id for d in DIMENSIONS)
ADVANTAGE_TYPE_IDS = tuple(t.id for t in ADVANTAGE_TYPES)
BUSINESS_MODEL_IDS = tuple(m.id for m in BUSINESS_MODELS)
PATTERN_IDS = tuple(p.id for p in PATTERNS)
POSITIONING_IDS = tuple(p.id for p in POSITIONINGS)
STREAM_IDS = tuple(s.id for s in REVENUE_STREAMS)
REGION_IDS = tuple(r.id for r in REGIONS)
RISK_FACTOR_TIER = {f.id: f.tier for f in RISK_FACTORS}
LESSON_IDS = tuple(lesson.id for lesson in LESSONS)
CSF_IDS = tuple(c.id for c in CRITICAL_SUCCESS_FACTORS)


@dataclass(frozen=True)
class Plural:
    """A message with a count: translated with ngettext (Vietnamese has one form)."""

    singular: str
    plural: str


# --- 8. Recommendations: one message per id the engine can decide ---
# Named placeholders are filled by the presenter with formatted, translated values:
# markets/items/criteria are lists; dimension/advantage/region are ids shown by label.

RECOMMENDATIONS: dict[str, str] = {
    "gdpr_before_eu": (
        "Put a GDPR compliance framework in place before entering %(markets)s; the case "
        "study's startup was fined €2 million for exactly this gap."
    ),
    "revise_model": (
        "Revise the business model before any scaling: a total of %(score)s out of 160 is "
        "in the poor band."
    ),
    "extend_runway": (
        "Extend the funding runway from %(months)s months to 18-24 months before expanding abroad."
    ),
    "focus_markets": (
        "Narrow the expansion from %(count)s markets to the two or three with the highest "
        "priority scores: %(markets)s."
    ),
    "prepare_longer": (
        "Plan 6-12 months of regulatory and cultural preparation before launch, instead "
        "of %(months)s months."
    ),
    "local_partners": (
        "Enter new markets with local partners who understand both the technology and "
        "the regulation."
    ),
    "close_compliance_gaps": (
        "For %(region)s markets, complete the open compliance checklist items before launch: "
        "%(items)s."
    ),
    "localize_culture": (
        "Adapt the product to the local culture in %(markets)s, where the cultural fit is weak."
    ),
    "partner_requirements": (
        "Define what local partners must bring in %(markets)s, market and regulatory "
        "expertise rather than enthusiasm, before choosing them."
    ),
    "strengthen_dimension": (
        "Strengthen %(dimension)s (%(score)s out of 40), starting with: %(criteria)s."
    ),
    "validate_pricing": "Validate the pricing through customer interviews and competitive analysis.",
    "calculate_unit_economics": (
        "Calculate the unit economics: customer acquisition cost against lifetime value."
    ),
    "benchmark_churn_above": (
        "Lower the monthly churn target of %(value)s into the benchmark range of %(low)s to "
        "%(high)s."
    ),
    "benchmark_churn_below": (
        "Check that the monthly churn target of %(value)s is realistic: the benchmark is "
        "%(low)s to %(high)s."
    ),
    "benchmark_growth_above": (
        "Test the growth target of %(value)s a year: AI companies typically grow %(low)s to "
        "%(high)s."
    ),
    "benchmark_growth_below": (
        "Raise the growth target of %(value)s a year towards the %(low)s to %(high)s typical "
        "of AI companies."
    ),
    "benchmark_streams_below": (
        "Add revenue streams: %(value)s in all, where the best-valued companies have "
        "%(low)s to %(high)s."
    ),
    "benchmark_streams_above": (
        "Consolidate the revenue streams: %(value)s in all spreads effort more thinly than "
        "the %(low)s to %(high)s of the best-valued companies."
    ),
    "benchmark_primary_share_above": (
        "Reduce the reliance on the primary stream, now %(value)s of revenue, towards "
        "%(low)s to %(high)s."
    ),
    "benchmark_primary_share_below": (
        "Grow the primary stream, now %(value)s of revenue, towards %(low)s to %(high)s."
    ),
    "build_advantage": (
        "Build up %(advantage)s: at %(score)s out of 10 it gives little lasting protection."
    ),
    "layer_advantages": (
        "Layer the competitive advantages: with %(count)s types at high sustainability, "
        "the position is easier to copy than a multi-layered one."
    ),
    "critical_success_factors": (
        "Work on the critical success factors not yet in place: %(items)s."
    ),
    "improve_dimension": "Improve %(dimension)s (%(score)s out of 40), starting with: %(criteria)s.",
    "scale_now": "Proceed with aggressive scaling, and keep the validation scores under review.",
    "adjust_then_scale": "Make the minor adjustments this assessment points to, then scale.",
}

# Why each lesson applies or not, from these answers (reason ids of scoring.LessonResult).
LESSON_REASONS: dict[tuple[str, str], str] = {
    ("focus_markets", "applies"): Plural(
        "%(count)s market is planned, more than 3.", "%(count)s markets are planned, more than 3."
    ),
    ("focus_markets", "fine"): Plural(
        "%(count)s market is planned, within the recommended maximum of 3.",
        "%(count)s markets are planned, within the recommended maximum of 3.",
    ),
    (
        "preparation_time",
        "applies",
    ): "The compliance timeline is %(months)s months, shorter than 6.",
    ("preparation_time", "fine"): "The compliance timeline is %(months)s months.",
    ("preparation_time", "not_given"): "No compliance timeline was given.",
    ("local_partners", "applies"): "The entry strategy does not include a partnership.",
    ("local_partners", "fine"): "A partnership with local experts is planned.",
    ("runway", "applies"): "The runway is %(months)s months, shorter than 18.",
    ("runway", "fine"): "The runway is %(months)s months.",
    ("runway", "not_given"): "No runway was given.",
    ("*", "no_expansion"): "No expansion is planned in these answers.",
}

# What the answers show of each failure factor of the case study.
FAILURE_EVIDENCE: dict[tuple[str, bool], str] = {
    ("regulatory_blindness", True): (
        "EU markets are planned while GDPR compliance is not in place: %(markets)s."
    ),
    ("regulatory_blindness", False): "No EU market is planned without GDPR compliance.",
    ("cultural_mismatch", True): (
        "Weak cultural fit without cultural localisation in the entry strategy: %(markets)s."
    ),
    ("cultural_mismatch", False): (
        "No market combines weak cultural fit with missing cultural localisation."
    ),
    ("resource_dilution", True): "%(count)s markets are planned at once.",
    ("resource_dilution", False): "The expansion stays within 3 markets.",
    ("partner_failure", True): (
        "A partnership is planned without identified local partner requirements: %(markets)s."
    ),
    ("partner_failure", False): (
        "No partnership is planned without knowing what the partners must bring."
    ),
}

# What the catalog extractor walks (babel_extract.py): every English string reachable
# from these, except the fields that hold ids, proper names or numbers.
MESSAGE_ROOTS = (
    "DIMENSIONS",
    "TOTAL_BANDS",
    "DIMENSION_BANDS",
    "ADVANTAGE_TYPES",
    "SUSTAINABILITY_TIERS",
    "POSITIONINGS",
    "BUSINESS_MODELS",
    "PATTERN_FAMILIES",
    "PATTERNS",
    "REVENUE_STREAMS",
    "MONETIZATION_CHECKS",
    "PRICING_PROCESS",
    "BENCHMARKS",
    "MARKET_CRITERIA",
    "REGIONS",
    "COMPLIANCE",
    "RISK_TIERS",
    "RISK_FACTORS",
    "ENTRY_STRATEGY",
    "LOCALIZATION",
    "LOCAL_TEAM",
    "CASE_STUDY_TITLE",
    "CASE_STUDY_SUMMARY",
    "FAILURE_FACTORS",
    "LESSONS",
    "CRITICAL_SUCCESS_FACTORS",
    "RECOMMENDATIONS",
    "LESSON_REASONS",
    "FAILURE_EVIDENCE",
)
NOT_MESSAGES = frozenset(
    {"id", "tier", "family", "exemplar", "minimum", "threshold", "low", "high", "unit"}
)
