# progress — zh-CN
